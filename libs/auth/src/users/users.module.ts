import { Module } from '@nestjs/common';

/** Users, teams, API keys and the audit log over REST. */
@Module({})
export class UsersModule {}

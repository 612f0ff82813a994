import { Module } from '@nestjs/common';

/** Contacts, companies, pipelines, deals and activities. */
@Module({})
export class CrmModule {}

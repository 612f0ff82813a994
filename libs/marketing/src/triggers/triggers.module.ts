import { Module } from '@nestjs/common';

/** Triggered messages: date-based and event-based. */
@Module({})
export class TriggersModule {}

import { Module } from '@nestjs/common';

/** Tickets: conversations marked as service work. */
@Module({})
export class TicketsModule {}

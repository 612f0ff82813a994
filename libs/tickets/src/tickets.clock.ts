import { Injectable } from '@nestjs/common';

/** The time overdue checks read; tests replace `now`. */
@Injectable()
export class TicketsClock {
  now(): Date {
    return new Date();
  }
}

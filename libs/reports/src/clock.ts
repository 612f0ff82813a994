import { Injectable } from '@nestjs/common';

/** The time SLA clocks and the live dashboard read; tests replace `now`. */
@Injectable()
export class ReportsClock {
  now(): Date {
    return new Date();
  }
}

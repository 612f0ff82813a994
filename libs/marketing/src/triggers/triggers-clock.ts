import { Injectable } from '@nestjs/common';

/** The time the triggers sweep reads; tests replace `now`. */
@Injectable()
export class TriggersClock {
  now(): Date {
    return new Date();
  }
}

import { Injectable } from '@nestjs/common';
import { isTimeZone } from './local-time.js';
import { TriggerCandidatesRepository } from './trigger-candidates.repository.js';

/** The zone of contacts without one and of inboxes without business hours. */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/**
 * A contact's local time: their own zone, else the zone of the business hours switched on for the
 * inbox the message goes through, else Moscow. Inbox zones are remembered for one sweep.
 */
@Injectable()
export class TriggerZones {
  constructor(private readonly candidates: TriggerCandidatesRepository) {}

  forSweep(): (contactZone: string | null, inboxId: string | null | undefined) => Promise<string> {
    const inboxZones = new Map<string, Promise<string>>();
    return async (contactZone, inboxId) => {
      if (contactZone && isTimeZone(contactZone)) return contactZone;
      if (!inboxId) return DEFAULT_TIME_ZONE;
      let zone = inboxZones.get(inboxId);
      if (!zone) {
        zone = this.candidates.businessHoursZone(inboxId).then((z) => (z && isTimeZone(z) ? z : DEFAULT_TIME_ZONE));
        inboxZones.set(inboxId, zone);
      }
      return zone;
    };
  }
}

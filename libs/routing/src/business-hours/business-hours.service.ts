import { Injectable } from '@nestjs/common';
import { InboxAccessService, type AuthUser } from '@app/auth';
import type { BusinessHoursRow } from '@app/db';
import { InboxesService } from '@app/inbox';
import { businessSecondsBetween, closedPeriodStart, isOpenAt, nextOpening, type BusinessSchedule } from './business-calendar.js';
import { BusinessHoursRepository } from './business-hours.repository.js';
import type { BusinessHoursInput } from './dto/business-hours.dto.js';

export interface BusinessHoursView extends Omit<BusinessHoursRow, 'updatedAt'> {
  /** False until the hours were saved once. */
  configured: boolean;
  updatedAt: Date | null;
  /** Right now, by these hours (open when they are switched off). */
  now: { open: boolean; closedSince: string | null; nextOpening: string | null };
}

const DEFAULT_TIME_ZONE = 'Europe/Moscow';

export const scheduleOf = (row: BusinessHoursRow): BusinessSchedule => ({ timeZone: row.timeZone, weekly: row.weekly, holidays: row.holidays });

/** Opening hours per inbox, and the questions other parts ask about them: open now? how long in business time? */
@Injectable()
export class BusinessHoursService {
  constructor(
    private readonly hours: BusinessHoursRepository,
    private readonly inboxes: InboxesService,
    private readonly access: InboxAccessService,
  ) {}

  async get(user: AuthUser, inboxId: string): Promise<BusinessHoursView> {
    await this.inboxes.findOrThrow(inboxId);
    await this.access.assertAccess(user, inboxId);
    return this.view(inboxId, await this.hours.find(inboxId));
  }

  async save(inboxId: string, input: BusinessHoursInput): Promise<BusinessHoursView> {
    await this.inboxes.findOrThrow(inboxId);
    return this.view(inboxId, await this.hours.save(inboxId, input));
  }

  /** The inbox's hours when they are switched on; null: always open. */
  async schedule(inboxId: string): Promise<(BusinessSchedule & { row: BusinessHoursRow }) | null> {
    const row = await this.hours.find(inboxId);
    return row?.enabled ? { ...scheduleOf(row), row } : null;
  }

  /** Null when the inbox has no hours switched on. */
  async isOpen(inboxId: string, at = new Date()): Promise<boolean | null> {
    const schedule = await this.schedule(inboxId);
    return schedule ? isOpenAt(schedule, at) : null;
  }

  /** Seconds between two moments that fall within the inbox's hours (all of them without hours). */
  async businessSeconds(inboxId: string, from: Date, to: Date): Promise<number> {
    const schedule = await this.schedule(inboxId);
    return schedule ? businessSecondsBetween(schedule, from, to) : Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
  }

  private view(inboxId: string, row: BusinessHoursRow | undefined): BusinessHoursView {
    const at = new Date();
    const base = row ?? { inboxId, enabled: false, timeZone: DEFAULT_TIME_ZONE, weekly: {}, holidays: [], autoReplyEnabled: false, autoReplyText: null, updatedAt: null };
    const schedule = row?.enabled ? scheduleOf(row) : null;
    const closedSince = schedule ? closedPeriodStart(schedule, at) : null;
    return {
      ...base,
      configured: Boolean(row),
      updatedAt: row?.updatedAt ?? null,
      now: { open: closedSince === null, closedSince: closedSince?.toISOString() ?? null, nextOpening: schedule && closedSince ? (nextOpening(schedule, at)?.toISOString() ?? null) : null },
    };
  }
}

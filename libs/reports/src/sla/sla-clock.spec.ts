import { describe, expect, it } from 'vitest';
import type { BusinessSchedule } from '@app/routing';
import { choosePolicy, dueTime, slaStatus } from './sla-clock.js';

const weekdays: BusinessSchedule = {
  timeZone: 'Europe/Moscow',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '18:00' }]])),
  holidays: [],
};

describe('SLA clock arithmetic', () => {
  it('counts a business-hours allowance across a weekend', () => {
    // Friday 17:30 Moscow + 1 hour of opening hours: 30 minutes on Friday, 30 on Monday from 09:00.
    const due = dueTime(new Date('2026-11-27T14:30:00Z'), 3600, 80, weekdays)!;
    expect(due.dueAt.toISOString()).toBe('2026-11-30T06:30:00.000Z');
    // 80% = 48 minutes: 30 on Friday, 18 on Monday.
    expect(due.warnAt.toISOString()).toBe('2026-11-30T06:18:00.000Z');
  });

  it('counts calendar time without a schedule', () => {
    const due = dueTime(new Date('2026-11-27T14:30:00Z'), 3600, 50, null)!;
    expect(due).toEqual({ dueAt: new Date('2026-11-27T15:30:00Z'), warnAt: new Date('2026-11-27T15:00:00Z') });
  });

  it('chooses the first active policy by position whose conditions all hold', () => {
    const c = { inboxId: 'i1', teamId: 't1', priority: 'high' as const, labels: ['vip'] };
    const policies = [
      { id: 'inactive', active: false, position: 0, conditions: {} },
      { id: 'other-inbox', active: true, position: 1, conditions: { inboxIds: ['i2'] } },
      { id: 'vip-urgent', active: true, position: 2, conditions: { labels: ['vip'], priorities: ['urgent' as const] } },
      { id: 'vip', active: true, position: 4, conditions: { labels: ['vip', 'gold'], teamIds: ['t1'] } },
      { id: 'all', active: true, position: 3, conditions: {} },
    ];
    expect(choosePolicy(policies, c)?.id).toBe('all');
    expect(choosePolicy(policies.filter((p) => p.id !== 'all'), c)?.id).toBe('vip');
    expect(choosePolicy(policies.slice(0, 2), c)).toBeUndefined();
  });

  it('names the status from misses and running clocks', () => {
    const due = new Date();
    expect(slaStatus({ misses: 0, dues: [due, null] })).toBe('active');
    expect(slaStatus({ misses: 0, dues: [null] })).toBe('hit');
    expect(slaStatus({ misses: 1, dues: [null] })).toBe('missed');
    expect(slaStatus({ misses: 1, dues: [due] })).toBe('active_with_misses');
  });
});

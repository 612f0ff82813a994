import { describe, expect, it } from 'vitest';
import type { TicketChecklistItem } from '@app/db';
import { buildTicketReport, median } from './ticket-report.js';
import type { TicketReportRow } from './tickets.repository.js';

const at = (iso: string) => new Date(iso);
const item = (done: boolean): TicketChecklistItem => ({ id: crypto.randomUUID(), text: 'x', done, doneBy: null, doneAt: null });
const period = { from: at('2026-11-01T00:00:00Z'), to: at('2026-11-08T00:00:00Z'), timezone: 'UTC' };
const now = at('2026-11-10T00:00:00Z');

describe('median', () => {
  it('interpolates between the two middle values when the count is even', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNull();
  });
});

describe('buildTicketReport', () => {
  const rows: TicketReportRow[] = [
    // Opened and resolved in the period after 1 h; 1 of 2 items done.
    { type: 'complaint', status: 'resolved', createdAt: at('2026-11-02T10:00:00Z'), closedAt: at('2026-11-02T11:00:00Z'), dueAt: null, checklist: [item(true), item(false)] },
    // Opened before, resolved in the period after 3 h.
    { type: 'complaint', status: 'resolved', createdAt: at('2026-10-31T23:00:00Z'), closedAt: at('2026-11-01T02:00:00Z'), dueAt: null, checklist: [] },
    // Opened in the period, still open and overdue now.
    { type: 'complaint', status: 'open', createdAt: at('2026-11-03T00:00:00Z'), closedAt: null, dueAt: at('2026-11-09T00:00:00Z'), checklist: [item(true)] },
    // Opened after the period, pending, due later: open now, not overdue.
    { type: 'return', status: 'pending', createdAt: at('2026-11-09T00:00:00Z'), closedAt: null, dueAt: at('2026-11-11T00:00:00Z'), checklist: [] },
  ];

  it('counts opened, resolved, open and overdue tickets and resolution times per type when tickets span the period', () => {
    const report = buildTicketReport(rows, period, now);
    const complaint = report.rows.find((r) => r.type === 'complaint')!;
    expect(complaint).toMatchObject({ opened: 2, resolved: 2, openNow: 1, overdueNow: 1, avgResolutionSeconds: 7200, p50ResolutionSeconds: 7200, checklistDone: 2, checklistTotal: 3 });
    expect(complaint.checklistCompletion).toBeCloseTo(2 / 3);
    expect(report.rows.find((r) => r.type === 'return')).toMatchObject({ opened: 0, resolved: 0, openNow: 1, overdueNow: 0, avgResolutionSeconds: null, checklistCompletion: null });
    expect(report.rows.find((r) => r.type === 'question')).toMatchObject({ opened: 0, openNow: 0 });
    expect(report.total).toMatchObject({ type: null, opened: 2, resolved: 2, openNow: 2, overdueNow: 1 });
  });
});

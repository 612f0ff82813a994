import { describe, expect, it } from 'vitest';
import { DomainException } from '@app/common';
import { resolveTicketReportPeriod } from './ticket-report-period.js';

describe('resolveTicketReportPeriod', () => {
  it('reads bare dates as local midnight in Moscow when no time zone is given', () => {
    expect(resolveTicketReportPeriod({ from: '2030-03-01', to: '2030-04-01' })).toEqual({
      from: new Date('2030-02-28T21:00:00Z'),
      to: new Date('2030-03-31T21:00:00Z'),
      timezone: 'Europe/Moscow',
    });
  });

  it('follows the daylight-saving change of the given zone when the period spans it', () => {
    const period = resolveTicketReportPeriod({ from: '2030-03-01', to: '2030-04-01', timezone: 'Europe/Berlin' });
    expect(period.from.toISOString()).toBe('2030-02-28T23:00:00.000Z');
    expect(period.to.toISOString()).toBe('2030-03-31T22:00:00.000Z');
  });

  it('keeps full date-times as the instants they name', () => {
    expect(resolveTicketReportPeriod({ from: '2030-03-01T10:00:00+03:00', to: '2030-03-02', timezone: 'UTC' }).from.toISOString()).toBe('2030-03-01T07:00:00.000Z');
  });

  it.each([
    ['an unknown time zone', { from: '2030-03-01', to: '2030-04-01', timezone: 'Mars/Olympus' }, 'report.period.timezone'],
    ['the end before the start', { from: '2030-04-01', to: '2030-03-01' }, 'report.period.order'],
    ['a period longer than 800 days', { from: '2030-01-01', to: '2033-01-01' }, 'report.period.length'],
  ])('refuses %s', (_, query, reason) => {
    let caught: unknown;
    try {
      resolveTicketReportPeriod(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainException);
    expect((caught as DomainException).options.params).toMatchObject({ reason });
  });
});

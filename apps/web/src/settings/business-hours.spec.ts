import { describe, expect, it } from 'vitest';
import { draftToWeek, holidaysToText, textToHolidays, weekToDraft } from './business-hours.js';

describe('business hours editor values', () => {
  it('turns a week into one line per day and back', () => {
    const weekly = { mon: [{ from: '09:00', to: '13:00' }, { from: '14:00', to: '18:00' }], sat: [{ from: '10:00', to: '15:00' }] };
    const draft = weekToDraft(weekly);
    expect(draft.mon).toBe('09:00-13:00, 14:00-18:00');
    expect(draft.sun).toBe('');
    expect(draftToWeek(draft)).toEqual(weekly);
  });

  it('reads short hours and leaves out closed days', () => {
    const draft = { ...weekToDraft({}), tue: '9:00 – 18:00' };
    expect(draftToWeek(draft)).toEqual({ tue: [{ from: '09:00', to: '18:00' }] });
  });

  it('reads holidays with names and yearly marks', () => {
    const holidays = textToHolidays('2027-01-01 Новый год *\n\n2027-05-09');
    expect(holidays).toEqual([{ date: '2027-01-01', name: 'Новый год', annual: true }, { date: '2027-05-09' }]);
    expect(holidaysToText(holidays)).toBe('2027-01-01 Новый год *\n2027-05-09');
  });
});

import { describe, expect, it } from 'vitest';
import { parseRatingAnswer, ratingButtons } from './rating-answer.js';

describe('rating answers', () => {
  it('reads a button press or a bare number within the asked range', () => {
    expect(parseRatingAnswer('csat_pending', { buttonPayload: 'csat:4' })).toBe(4);
    expect(parseRatingAnswer('csat_pending', { text: ' 5 ' })).toBe(5);
    expect(parseRatingAnswer('nps_pending', { text: '0' })).toBe(0);
    expect(parseRatingAnswer('nps_pending', { buttonPayload: 'nps:10' })).toBe(10);
  });

  it('does not take other messages for a rating', () => {
    expect(parseRatingAnswer('csat_pending', { text: '6' })).toBeNull();
    expect(parseRatingAnswer('csat_pending', { text: '0' })).toBeNull();
    expect(parseRatingAnswer('csat_pending', { text: '5 звёзд, но где заказ?' })).toBeNull();
    expect(parseRatingAnswer('nps_pending', { text: '11' })).toBeNull();
    expect(parseRatingAnswer('csat_pending', { buttonPayload: 'nps:3', text: 'Ответ' })).toBeNull();
  });

  it('offers 1-5 in one row and 0-10 in two', () => {
    expect(ratingButtons('csat_pending')).toEqual([[1, 2, 3, 4, 5].map((n) => ({ id: `csat:${n}`, text: String(n) }))]);
    const nps = ratingButtons('nps_pending');
    expect(nps.map((row) => row.length)).toEqual([6, 5]);
    expect(nps.flat()[0]).toEqual({ id: 'nps:0', text: '0' });
  });
});

import { describe, expect, it } from 'vitest';
import { actionsFor, formatVariables, parseVariables, progressOf, withProgress } from './campaign-progress.js';

const counts = (over: Partial<Record<string, number>> = {}) => ({ total: 10, queued: 4, sent: 3, delivered: 1, failed: 1, skipped: 1, replied: 0, ...over });

describe('campaign progress', () => {
  it('counts everyone past the queue as done when computing the progress bar', () => {
    expect(progressOf(counts())).toBeCloseTo(0.6);
    expect(progressOf(counts({ total: 0, queued: 0 }))).toBe(0);
  });

  it('applies a live event only to the campaign it is about', () => {
    const campaign = { id: 'a', status: 'running' as const, counts: counts() };
    const done = { campaignId: 'a', status: 'completed' as const, counts: counts({ queued: 0, sent: 7 }) };
    expect(withProgress(campaign, done)).toMatchObject({ status: 'completed', counts: { queued: 0, sent: 7 } });
    expect(withProgress(campaign, { ...done, campaignId: 'b' })).toBe(campaign);
  });

  it('offers pause and cancel while running and nothing once finished', () => {
    expect(actionsFor('running')).toEqual(['pause', 'cancel']);
    expect(actionsFor('completed')).toEqual([]);
  });

  it('reads key=value lines as variables and writes them back the same way', () => {
    const variables = parseVariables('promo = SPRING\n\nbad line\ncity=Казань=центр');
    expect(variables).toEqual({ promo: 'SPRING', city: 'Казань=центр' });
    expect(parseVariables(formatVariables(variables))).toEqual(variables);
  });
});

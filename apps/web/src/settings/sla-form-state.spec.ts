import { describe, expect, it } from 'vitest';
import { draftFromPolicy, policyInput, toHoursMinutes, toSeconds } from './sla-form-state.js';

describe('hours and minutes', () => {
  it('splits seconds into hours and minutes and joins them back', () => {
    expect(toHoursMinutes(5400)).toEqual({ hours: '1', minutes: '30' });
    expect(toHoursMinutes(null)).toEqual({ hours: '', minutes: '' });
    expect(toSeconds({ hours: '1', minutes: '30' })).toBe(5400);
    expect(toSeconds({ hours: '', minutes: '15' })).toBe(900);
    expect(toSeconds({ hours: '48', minutes: '' })).toBe(172_800);
  });

  it('means no limit when both are empty and invalid when not whole numbers', () => {
    expect(toSeconds({ hours: ' ', minutes: '' })).toBeNull();
    expect(toSeconds({ hours: '1.5', minutes: '' })).toBeNaN();
    expect(toSeconds({ hours: '-1', minutes: '' })).toBeNaN();
  });
});

describe('policyInput', () => {
  it('builds the request body from a filled form', () => {
    const draft = { ...draftFromPolicy(null), name: ' VIP ', labels: 'vip, gold\nurgent' };
    draft.thresholds.firstResponseSeconds = { hours: '0', minutes: '15' };
    draft.thresholds.resolutionSeconds = { hours: '8', minutes: '' };
    draft.priorities = ['urgent'];
    expect(policyInput(draft)).toEqual({
      invalid: [],
      input: {
        name: 'VIP',
        active: true,
        firstResponseSeconds: 900,
        nextResponseSeconds: null,
        resolutionSeconds: 28_800,
        businessHoursOnly: false,
        warningPercent: 80,
        conditions: { inboxIds: [], teamIds: [], priorities: ['urgent'], labels: ['vip', 'gold', 'urgent'] },
      },
    });
  });

  it('names the fields typed wrongly instead of sending them', () => {
    const draft = { ...draftFromPolicy(null), warningPercent: '120' };
    draft.thresholds.nextResponseSeconds = { hours: 'two', minutes: '' };
    expect(policyInput(draft)).toEqual({ input: null, invalid: ['nextResponseSeconds', 'warningPercent'] });
  });

  it('fills the form from a saved policy', () => {
    const draft = draftFromPolicy({
      id: 'p',
      name: 'Standard',
      active: false,
      position: 0,
      firstResponseSeconds: 3600,
      nextResponseSeconds: null,
      resolutionSeconds: 90_000,
      businessHoursOnly: true,
      warningPercent: 75,
      conditions: { labels: ['vip'] },
      createdAt: '',
      updatedAt: '',
    });
    expect(draft).toMatchObject({ name: 'Standard', active: false, businessHoursOnly: true, warningPercent: '75', labels: 'vip', inboxIds: [] });
    expect(draft.thresholds.resolutionSeconds).toEqual({ hours: '25', minutes: '0' });
  });
});

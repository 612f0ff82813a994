import { describe, expect, it } from 'vitest';
import { conversationSla, slaBadgeState } from './sla-state.js';

const now = Date.parse('2026-11-28T12:00:00Z');
const sla = (over: object) => ({ policyId: 'p', status: 'active' as const, firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, ...over });

describe('slaBadgeState', () => {
  it('shows the nearest running due time', () => {
    expect(slaBadgeState(sla({ firstResponseDueAt: '2026-11-28T12:10:00Z', resolutionDueAt: '2026-11-28T20:00:00Z' }), now)).toEqual({
      dueAt: '2026-11-28T12:10:00Z',
      kind: 'first_response',
      missed: false,
    });
  });

  it('turns red once the due time has passed, before the server says so', () => {
    expect(slaBadgeState(sla({ nextResponseDueAt: '2026-11-28T11:59:00Z' }), now)).toMatchObject({ kind: 'next_response', missed: true });
  });

  it('stays red after a miss while later clocks run, and says missed when none runs', () => {
    expect(slaBadgeState(sla({ status: 'active_with_misses', resolutionDueAt: '2026-11-29T12:00:00Z' }), now)).toMatchObject({ kind: 'resolution', missed: true });
    expect(slaBadgeState(sla({ status: 'missed' }), now)).toEqual({ dueAt: null, kind: null, missed: true });
  });

  it('shows nothing when every target was met or no policy applies', () => {
    expect(slaBadgeState(sla({ status: 'hit' }), now)).toBeNull();
    expect(slaBadgeState(null, now)).toBeNull();
    expect(conversationSla({ id: 'c' })).toBeNull();
    expect(conversationSla({ sla: sla({}) })).toMatchObject({ policyId: 'p' });
  });
});

import { describe, expect, it } from 'vitest';
import { pickAgent, type Candidate } from './agent-picker.js';

const agent = (userId: string, extra: Partial<Candidate> = {}): Candidate => ({ userId, capacity: null, load: 0, online: true, lastAssignedAt: null, ...extra });

describe('pickAgent', () => {
  it('picks nobody under a manual policy even when agents are free', () => {
    expect(pickAgent({ kind: 'manual', candidates: [agent('a')], lastAssignedUserId: null })).toBeNull();
  });

  it('picks nobody when every agent is offline or full', () => {
    const candidates = [agent('a', { online: false }), agent('b', { capacity: 2, load: 2 })];
    for (const kind of ['round_robin', 'least_busy', 'strict_order', 'sticky'] as const) expect(pickAgent({ kind, candidates, lastAssignedUserId: null })).toBeNull();
  });

  it('takes turns in round robin, skipping agents who are offline or full', () => {
    const candidates = [agent('a'), agent('b', { online: false }), agent('c', { capacity: 1, load: 1 }), agent('d')];
    expect(pickAgent({ kind: 'round_robin', candidates, lastAssignedUserId: null })).toBe('a');
    expect(pickAgent({ kind: 'round_robin', candidates, lastAssignedUserId: 'a' })).toBe('d');
    expect(pickAgent({ kind: 'round_robin', candidates, lastAssignedUserId: 'd' })).toBe('a');
    expect(pickAgent({ kind: 'round_robin', candidates, lastAssignedUserId: 'gone' })).toBe('a');
  });

  it('picks the agent with the fewest open conversations, and on a tie the one idle longest', () => {
    const earlier = new Date('2025-01-01T10:00:00Z');
    const later = new Date('2025-01-01T11:00:00Z');
    const candidates = [agent('a', { load: 3 }), agent('b', { load: 1, lastAssignedAt: later }), agent('c', { load: 1, lastAssignedAt: earlier })];
    expect(pickAgent({ kind: 'least_busy', candidates, lastAssignedUserId: null })).toBe('c');
  });

  it('walks the strict order, skipping agents who already had their turn', () => {
    const candidates = [agent('a'), agent('b'), agent('c')];
    expect(pickAgent({ kind: 'strict_order', candidates, lastAssignedUserId: null })).toBe('a');
    expect(pickAgent({ kind: 'strict_order', candidates, lastAssignedUserId: null, exclude: new Set(['a']) })).toBe('b');
    expect(pickAgent({ kind: 'strict_order', candidates, lastAssignedUserId: null, exclude: new Set(['a', 'b', 'c']) })).toBeNull();
  });

  it('gives a returning contact to the agent who handled them when that agent has room, else falls back', () => {
    const candidates = [agent('a', { load: 2 }), agent('b', { load: 0 }), agent('c', { capacity: 1, load: 1 })];
    expect(pickAgent({ kind: 'sticky', candidates, lastAssignedUserId: null, preferred: ['a'] })).toBe('a');
    expect(pickAgent({ kind: 'sticky', candidates, lastAssignedUserId: null, preferred: ['c', 'a'] })).toBe('a');
    expect(pickAgent({ kind: 'sticky', candidates, lastAssignedUserId: null, preferred: ['c'] })).toBe('b');
    expect(pickAgent({ kind: 'sticky', candidates, lastAssignedUserId: 'b', preferred: [], stickyFallback: 'round_robin' })).toBe('a');
  });
});

import { describe, expect, it } from 'vitest';
import { addInput, addResult, canPress, emptyTranscript, isFinished } from './simulator-state.js';
import type { SimulateResponse } from './types.js';

const first: SimulateResponse = {
  sessionId: 's1',
  replies: [{ text: 'Pick a size', buttons: [[{ id: 'small', text: 'Small' }, { id: 'big', text: 'Big' }]] }],
  state: { nodeId: 'size', variables: {}, status: 'waiting' },
  effects: [],
};
const second: SimulateResponse = {
  sessionId: 's1',
  replies: [{ text: 'Thanks!' }],
  state: { nodeId: null, variables: { size: 'big' }, status: 'ended' },
  effects: [{ kind: 'create_deal', summary: 'deal would be created: 1 item' }],
};

describe('simulator transcript', () => {
  it('shows a pressed button as the caption the customer saw', () => {
    const after = addInput(addResult(emptyTranscript, first), { buttonId: 'big' });
    expect(after.entries.at(-1)).toMatchObject({ kind: 'user', text: 'Big' });
  });

  it('lets only the last turn buttons be pressed', () => {
    const one = addResult(emptyTranscript, first);
    const bot = one.entries[0];
    expect(canPress(one, bot)).toBe(true);
    const two = addResult(addInput(one, { buttonId: 'big' }), { ...first, replies: [{ text: 'Sure?' }] });
    expect(canPress(two, two.entries[0])).toBe(false);
  });

  it('keeps the session, the state and the effects of the last answer', () => {
    const done = addResult(addInput(addResult(emptyTranscript, first), { text: 'big' }), second);
    expect(done.sessionId).toBe('s1');
    expect(done.state).toEqual(second.state);
    expect(done.entries.map((e) => e.kind)).toEqual(['bot', 'user', 'bot', 'effect']);
    expect(done.effects).toEqual(second.effects);
    expect(isFinished(done)).toBe(true);
    expect(canPress(done, done.entries[2])).toBe(false);
  });

  it('gives every entry its own id', () => {
    const done = addResult(addInput(addResult(emptyTranscript, first), { text: 'x' }), second);
    expect(new Set(done.entries.map((e) => e.id)).size).toBe(done.entries.length);
  });
});

import { describe, expect, it } from 'vitest';
import type { InboundCallEvent } from '@channel-adapters/core';
import { applyCallEvent, callLineKey, callSubjectKey, formatDuration, type CallState } from './call-state.js';

const step = (phase: InboundCallEvent['phase'], extra: Partial<InboundCallEvent> = {}): InboundCallEvent => ({
  kind: 'call',
  externalId: `c1:${phase}${extra.agentExtension ? `:${extra.agentExtension}` : ''}`,
  callId: 'c1',
  contact: { externalId: '+79123456789', phone: '+79123456789' },
  direction: 'inbound',
  phase,
  ...extra,
});

function run(...events: InboundCallEvent[]) {
  let state: CallState | undefined;
  const updates = events.map((event) => {
    const update = applyCallEvent(state, event, 'activity-1');
    state = update.state;
    return update;
  });
  return { state: state!, updates };
}

describe('applyCallEvent', () => {
  it('follows an answered call to its end with duration, agent and recording', () => {
    const { state, updates } = run(step('started'), step('started', { agentExtension: '101' }), step('answered', { agentExtension: '101' }), step('ended', { durationSec: 125, recordingRef: 'r1' }));
    expect(state).toMatchObject({ phase: 'ended', answered: true, agentExtension: '101', durationSec: 125, hasRecording: true, number: '+79123456789', activityId: 'activity-1' });
    expect(state.steps).toEqual(['c1:started', 'c1:started:101', 'c1:answered:101', 'c1:ended']);
    expect(updates.map((u) => u.ringsAt)).toEqual([undefined, '101', '101', undefined]);
    expect(updates.some((u) => u.becameMissed)).toBe(false);
  });

  it('calls an inbound call missed when it ends without an answer, once', () => {
    const { state, updates } = run(step('started'), step('ended', { durationSec: 0 }));
    expect(state.phase).toBe('missed');
    expect(updates.map((u) => u.becameMissed)).toEqual([false, true]);
    expect(applyCallEvent(state, step('missed'), 'activity-1').becameMissed).toBe(false);
  });

  it('never calls an outbound call missed', () => {
    expect(run(step('started', { direction: 'outbound' }), step('ended', { direction: 'outbound', durationSec: 0 })).state.phase).toBe('ended');
  });

  it('moves only forward when an answer arrives after the end, and takes a duration as proof of an answer', () => {
    expect(run(step('ended', { durationSec: 30 }), step('answered', { agentExtension: '102' })).state).toMatchObject({ phase: 'ended', agentExtension: '102' });
    expect(run(step('ended', { durationSec: 30 }), step('started', { agentExtension: '101' })).updates[1].ringsAt).toBeUndefined();
  });
});

describe('call texts', () => {
  it('name the kind of call and its outcome', () => {
    const missed = run(step('missed')).state;
    expect(callSubjectKey(missed)).toBe('call.subject.missed');
    expect(callLineKey(missed)).toBe('system.call.inbound.missed');
    const outgoing = run(step('started', { direction: 'outbound' })).state;
    expect(callSubjectKey(outgoing)).toBe('call.subject.outbound');
    expect(callLineKey(outgoing)).toBe('system.call.outbound.started');
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect([formatDuration(0), formatDuration(59), formatDuration(125), formatDuration(3725), formatDuration(undefined)]).toEqual(['0:00', '0:59', '2:05', '1:02:05', '0:00']);
  });
});

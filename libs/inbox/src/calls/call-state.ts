import type { CallPhase, InboundCallEvent } from '@channel-adapters/core';
import type { MessageKey } from '@app/i18n';

/** What the product knows about one call, kept on its timeline message and mirrored on its activity. */
export interface CallState {
  callId: string;
  activityId: string;
  direction: 'inbound' | 'outbound';
  /** started → answered → ended, or missed for an inbound call nobody answered. */
  phase: CallPhase;
  answered: boolean;
  /** The customer's number as the contact's channel identity (E.164 when it is a phone number). */
  number: string;
  agentExtension?: string;
  agentId?: string;
  durationSec?: number;
  hasRecording: boolean;
  /** The provider steps already applied (InboundCallEvent.externalId), so a repeated webhook changes nothing. */
  steps: string[];
}

export interface CallUpdate {
  state: CallState;
  /** The inbound call has just turned out to be missed: open the conversation and leave a call-back task. */
  becameMissed: boolean;
  /** The call is ringing at, or was answered by, this extension while still going on. */
  ringsAt?: string;
}

const RANK: Record<CallPhase, number> = { started: 0, answered: 1, ended: 2, missed: 2 };

export const isFinished = (phase: CallPhase) => phase === 'ended' || phase === 'missed';

/**
 * Folds one provider step into the call. Steps may arrive out of order (an end before an answer), so
 * the call only moves forward, and an inbound call that ended is missed unless something said it was answered.
 */
export function applyCallEvent(previous: CallState | undefined, event: InboundCallEvent, activityId: string): CallUpdate {
  const base: CallState = previous ?? {
    callId: event.callId,
    activityId,
    direction: event.direction,
    phase: 'started',
    answered: false,
    number: event.contact.externalId,
    hasRecording: false,
    steps: [],
  };
  const answered = base.answered || event.phase === 'answered' || (event.phase === 'ended' && (event.durationSec ?? 0) > 0);
  const furthest = RANK[event.phase] > RANK[base.phase] ? event.phase : base.phase;
  const phase: CallPhase = isFinished(furthest) ? (base.direction === 'inbound' && !answered ? 'missed' : 'ended') : answered ? 'answered' : furthest;
  const state: CallState = {
    ...base,
    phase,
    answered,
    agentExtension: event.agentExtension ?? base.agentExtension,
    durationSec: event.durationSec ?? base.durationSec,
    hasRecording: base.hasRecording || Boolean(event.recordingUrl || event.recordingRef),
    steps: [...base.steps, event.externalId],
  };
  const ringing = (event.phase === 'started' || event.phase === 'answered') && !isFinished(phase);
  return {
    state,
    becameMissed: phase === 'missed' && previous?.phase !== 'missed',
    ringsAt: ringing ? event.agentExtension : undefined,
  };
}

/** The activity's subject: what kind of call it was. */
export function callSubjectKey(state: CallState): MessageKey {
  if (state.phase === 'missed') return 'call.subject.missed';
  return state.direction === 'inbound' ? 'call.subject.inbound' : 'call.subject.outbound';
}

/** The line in the conversation's timeline. */
export function callLineKey(state: CallState): MessageKey {
  if (state.direction === 'inbound') return `system.call.inbound.${state.phase}` as MessageKey;
  return `system.call.outbound.${state.phase === 'missed' ? 'ended' : state.phase}` as MessageKey;
}

/** 125 → "2:05", 3725 → "1:02:05". */
export function formatDuration(seconds: number | undefined): string {
  const total = Math.max(0, Math.round(seconds ?? 0));
  const [hours, minutes, secs] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const mmss = `${hours ? String(minutes).padStart(2, '0') : minutes}:${String(secs).padStart(2, '0')}`;
  return hours ? `${hours}:${mmss}` : mmss;
}

/** Reads the state back from a timeline message; undefined when the message carries none. */
export function callStateOf(attributes: Record<string, unknown>): CallState | undefined {
  const call = attributes.call as CallState | undefined;
  return call && typeof call.callId === 'string' && Array.isArray(call.steps) ? call : undefined;
}

/** The timeline message of a call is keyed by the call, so every step of one call finds the same one. */
export const callMessageExternalId = (callId: string) => `call:${callId}`;

import type { ConversationSla, SlaKind } from '../reports/types.js';

export interface SlaBadgeState {
  /** The nearest running due time, or null when none runs any more. */
  dueAt: string | null;
  kind: SlaKind | null;
  /** A due time was missed already, or the nearest one has just passed. */
  missed: boolean;
}

const DUES: Array<[SlaKind, keyof ConversationSla]> = [
  ['first_response', 'firstResponseDueAt'],
  ['next_response', 'nextResponseDueAt'],
  ['resolution', 'resolutionDueAt'],
];

/** What the SLA badge of a conversation shows: the next due time counting down, red once missed; nothing when all was met. */
export function slaBadgeState(sla: ConversationSla | null | undefined, now: number): SlaBadgeState | null {
  if (!sla) return null;
  let next: { kind: SlaKind; dueAt: string } | null = null;
  for (const [kind, field] of DUES) {
    const dueAt = sla[field];
    if (typeof dueAt === 'string' && (!next || Date.parse(dueAt) < Date.parse(next.dueAt))) next = { kind, dueAt };
  }
  const missedBefore = sla.status === 'missed' || sla.status === 'active_with_misses';
  if (!next) return missedBefore ? { dueAt: null, kind: null, missed: true } : null;
  return { dueAt: next.dueAt, kind: next.kind, missed: missedBefore || Date.parse(next.dueAt) <= now };
}

/** The SLA part of a conversation view; older servers and views without a policy have none. */
export function conversationSla(conversation: object): ConversationSla | null {
  const sla = (conversation as { sla?: ConversationSla | null }).sla;
  return sla && typeof sla === 'object' ? sla : null;
}

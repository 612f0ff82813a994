import { addBusinessSeconds, type BusinessSchedule } from '@app/routing';
import type { SlaConditionsValue } from '@app/db';
import type { ConversationPriority, SlaKind, SlaStatus } from '../reports.contract.js';

export interface SlaRule {
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  businessHoursOnly: boolean;
  warningPercent: number;
}

export interface MatchablePolicy {
  active: boolean;
  position: number;
  conditions: SlaConditionsValue;
}

export interface ConversationTraits {
  inboxId: string;
  teamId: string | null;
  priority: ConversationPriority | null;
  labels: string[];
}

export const SLA_KINDS: readonly SlaKind[] = ['first_response', 'next_response', 'resolution'];

/** An empty or missing list matches everything; labels match when any of them is on the conversation. */
export function policyMatches(policy: MatchablePolicy, c: ConversationTraits): boolean {
  const { inboxIds, teamIds, priorities, labels } = policy.conditions;
  if (inboxIds?.length && !inboxIds.includes(c.inboxId)) return false;
  if (teamIds?.length && (!c.teamId || !teamIds.includes(c.teamId))) return false;
  if (priorities?.length && (!c.priority || !priorities.includes(c.priority))) return false;
  if (labels?.length && !labels.some((l) => c.labels.includes(l))) return false;
  return true;
}

/** The first active policy, by position, whose conditions all hold. */
export function choosePolicy<P extends MatchablePolicy>(policies: P[], c: ConversationTraits): P | undefined {
  return [...policies].filter((p) => p.active).sort((a, b) => a.position - b.position).find((p) => policyMatches(p, c));
}

/** `seconds` after `start`, counting only opening hours when a schedule is given (null: never open). */
export function dueAfter(start: Date, seconds: number, schedule: BusinessSchedule | null): Date | null {
  return schedule ? addBusinessSeconds(schedule, start, seconds) : new Date(start.getTime() + seconds * 1000);
}

export interface DueTime {
  dueAt: Date;
  warnAt: Date;
}

/** The due time of an allowance that starts at `start`, and when its warning goes out. */
export function dueTime(start: Date, seconds: number, warningPercent: number, schedule: BusinessSchedule | null): DueTime | null {
  const dueAt = dueAfter(start, seconds, schedule);
  if (!dueAt) return null;
  const warnAt = dueAfter(start, Math.floor((seconds * warningPercent) / 100), schedule) ?? dueAt;
  return { dueAt, warnAt };
}

export function secondsOf(rule: SlaRule, kind: SlaKind): number | null {
  if (kind === 'first_response') return rule.firstResponseSeconds;
  if (kind === 'next_response') return rule.nextResponseSeconds;
  return rule.resolutionSeconds;
}

/** Names one due time, so its warning and breach each fire once even when jobs run twice. */
export const dueKey = (kind: SlaKind, dueAt: Date) => `${kind}@${dueAt.toISOString()}`;

export function slaStatus(clock: { misses: number; dues: Array<Date | null> }): SlaStatus {
  const running = clock.dues.some((d) => d !== null);
  if (clock.misses > 0) return running ? 'active_with_misses' : 'missed';
  return running ? 'active' : 'hit';
}

import type { ConversationPriority, SlaPolicy, SlaPolicyInput } from '../reports/types.js';
import { splitList } from '../format.js';

export const SLA_PRIORITIES: readonly ConversationPriority[] = ['low', 'medium', 'high', 'urgent'];
export const SLA_THRESHOLDS = ['firstResponseSeconds', 'nextResponseSeconds', 'resolutionSeconds'] as const;
export type SlaThreshold = (typeof SLA_THRESHOLDS)[number];

/** A time allowance as typed: hours and minutes, both may be empty. */
export interface HoursMinutes {
  hours: string;
  minutes: string;
}

export interface SlaDraft {
  name: string;
  active: boolean;
  thresholds: Record<SlaThreshold, HoursMinutes>;
  businessHoursOnly: boolean;
  warningPercent: string;
  inboxIds: string[];
  teamIds: string[];
  priorities: ConversationPriority[];
  labels: string;
}

export function toHoursMinutes(seconds: number | null): HoursMinutes {
  if (seconds === null) return { hours: '', minutes: '' };
  const totalMinutes = Math.round(seconds / 60);
  return { hours: String(Math.floor(totalMinutes / 60)), minutes: String(totalMinutes % 60) };
}

/** Seconds from typed hours and minutes; null when both are empty (no such SLA), NaN when not whole numbers. */
export function toSeconds({ hours, minutes }: HoursMinutes): number | null {
  const h = hours.trim();
  const m = minutes.trim();
  if (!h && !m) return null;
  const whole = (text: string) => (text === '' ? 0 : /^\d+$/.test(text) ? Number(text) : Number.NaN);
  return (whole(h) * 60 + whole(m)) * 60;
}

export function draftFromPolicy(policy: SlaPolicy | null): SlaDraft {
  return {
    name: policy?.name ?? '',
    active: policy?.active ?? true,
    thresholds: {
      firstResponseSeconds: toHoursMinutes(policy?.firstResponseSeconds ?? null),
      nextResponseSeconds: toHoursMinutes(policy?.nextResponseSeconds ?? null),
      resolutionSeconds: toHoursMinutes(policy?.resolutionSeconds ?? null),
    },
    businessHoursOnly: policy?.businessHoursOnly ?? false,
    warningPercent: String(policy?.warningPercent ?? 80),
    inboxIds: policy?.conditions.inboxIds ?? [],
    teamIds: policy?.conditions.teamIds ?? [],
    priorities: policy?.conditions.priorities ?? [],
    labels: (policy?.conditions.labels ?? []).join(', '),
  };
}

/** The request body, or the fields typed wrongly (left for the person to fix before anything is sent). */
export function policyInput(draft: SlaDraft): { input: SlaPolicyInput; invalid: [] } | { input: null; invalid: string[] } {
  const invalid: string[] = [];
  const seconds = {} as Record<SlaThreshold, number | null>;
  for (const field of SLA_THRESHOLDS) {
    const value = toSeconds(draft.thresholds[field]);
    if (value !== null && Number.isNaN(value)) invalid.push(field);
    seconds[field] = value;
  }
  const warningPercent = Number(draft.warningPercent.trim());
  if (!/^\d+$/.test(draft.warningPercent.trim()) || warningPercent < 1 || warningPercent > 99) invalid.push('warningPercent');
  if (invalid.length) return { input: null, invalid };
  return {
    input: {
      name: draft.name.trim(),
      active: draft.active,
      ...seconds,
      businessHoursOnly: draft.businessHoursOnly,
      warningPercent,
      conditions: {
        inboxIds: draft.inboxIds,
        teamIds: draft.teamIds,
        priorities: draft.priorities,
        labels: splitList(draft.labels),
      },
    },
    invalid: [],
  };
}

import type { DateField, Trigger, TriggerBody, TriggerEvent, TriggerKind } from './triggers-api.js';

export type OffsetDirection = 'before' | 'on' | 'after';

/** The editor's form: every kind's fields at once, so switching the kind back and forth loses nothing. */
export interface TriggerDraft {
  name: string;
  active: boolean;
  kind: TriggerKind;
  field: DateField;
  customFieldKey: string;
  direction: OffsetDirection;
  offsetDays: string;
  event: TriggerEvent;
  stageId: string;
  days: string;
  hours: string;
  /** '' : the inbox of the contact's latest conversation. */
  inboxId: string;
  templateId: string;
  segmentId: string;
  sendAtLocal: string;
  quiet: boolean;
  quietFrom: string;
  quietTo: string;
}

export const EMPTY_DRAFT: TriggerDraft = {
  name: '',
  active: true,
  kind: 'date',
  field: 'birthday',
  customFieldKey: '',
  direction: 'on',
  offsetDays: '1',
  event: 'deal_stage',
  stageId: '',
  days: '3',
  hours: '2',
  inboxId: '',
  templateId: '',
  segmentId: '',
  sendAtLocal: '10:00',
  quiet: true,
  quietFrom: '21:00',
  quietTo: '09:00',
};

export function triggerToDraft(trigger: Trigger | null): TriggerDraft {
  if (!trigger) return EMPTY_DRAFT;
  const draft: TriggerDraft = {
    ...EMPTY_DRAFT,
    name: trigger.name,
    active: trigger.active,
    kind: trigger.kind,
    inboxId: trigger.inboxId ?? '',
    templateId: trigger.templateId ?? '',
    segmentId: trigger.segmentId ?? '',
    sendAtLocal: trigger.sendAtLocal,
    quiet: trigger.quietHours !== null,
    quietFrom: trigger.quietHours?.from ?? EMPTY_DRAFT.quietFrom,
    quietTo: trigger.quietHours?.to ?? EMPTY_DRAFT.quietTo,
  };
  const config = trigger.config;
  if ('field' in config) {
    const offset = config.offsetDays;
    return { ...draft, field: config.field, customFieldKey: config.customFieldKey ?? '', direction: offset < 0 ? 'before' : offset > 0 ? 'after' : 'on', offsetDays: offset === 0 ? '1' : String(Math.abs(offset)) };
  }
  if (config.event === 'deal_stage') return { ...draft, event: 'deal_stage', stageId: config.stageId };
  if (config.event === 'no_reply') return { ...draft, event: 'no_reply', days: String(config.days) };
  return { ...draft, event: 'cart_abandoned', hours: String(config.hours) };
}

/** A number the server checks; text that is not one is sent as it is, so the server's field error explains it. */
const numberOf = (text: string): number => (text.trim() === '' ? NaN : Number(text));

export function draftToBody(draft: TriggerDraft): TriggerBody {
  const sign = draft.direction === 'before' ? -1 : 1;
  const config: TriggerBody['config'] =
    draft.kind === 'date'
      ? {
          field: draft.field,
          ...(draft.field === 'custom' ? { customFieldKey: draft.customFieldKey.trim() } : {}),
          offsetDays: draft.direction === 'on' ? 0 : sign * numberOf(draft.offsetDays),
        }
      : draft.event === 'deal_stage'
        ? { event: 'deal_stage', stageId: draft.stageId }
        : draft.event === 'no_reply'
          ? { event: 'no_reply', days: numberOf(draft.days) }
          : { event: 'cart_abandoned', hours: numberOf(draft.hours) };
  return {
    name: draft.name.trim(),
    active: draft.active,
    kind: draft.kind,
    config,
    inboxId: draft.inboxId || null,
    templateId: draft.templateId,
    segmentId: draft.segmentId || null,
    sendAtLocal: draft.sendAtLocal,
    quietHours: draft.quiet ? { from: draft.quietFrom, to: draft.quietTo } : null,
  };
}

/** The form fields the server's 400 field errors are placed next to. */
export const TRIGGER_FORM_FIELDS = [
  'name',
  'kind',
  'config.field',
  'config.customFieldKey',
  'config.offsetDays',
  'config.stageId',
  'config.days',
  'config.hours',
  'config',
  'inboxId',
  'templateId',
  'segmentId',
  'sendAtLocal',
  'quietHours',
] as const;

import { describe, expect, it } from 'vitest';
import { draftToBody, EMPTY_DRAFT, triggerToDraft } from './trigger-draft.js';
import type { Trigger } from './triggers-api.js';

const trigger = (over: Partial<Trigger>): Trigger => ({
  id: 't1',
  name: 'ДР',
  active: true,
  kind: 'date',
  config: { field: 'birthday', offsetDays: -3 },
  inboxId: null,
  templateId: 'tpl',
  segmentId: null,
  sendAtLocal: '09:30',
  quietHours: null,
  lastFiredAt: null,
  createdAt: '2027-01-01T00:00:00Z',
  updatedAt: '2027-01-01T00:00:00Z',
  ...over,
});

describe('trigger drafts', () => {
  it('turns days before a date into a negative offset and back', () => {
    const draft = triggerToDraft(trigger({}));
    expect(draft).toMatchObject({ direction: 'before', offsetDays: '3', quiet: false });
    expect(draftToBody(draft)).toMatchObject({ kind: 'date', config: { field: 'birthday', offsetDays: -3 }, inboxId: null, quietHours: null, sendAtLocal: '09:30' });
  });

  it('sends only the chosen event\'s fields and the custom field key only for custom dates', () => {
    expect(draftToBody({ ...EMPTY_DRAFT, kind: 'event', event: 'no_reply', days: '5' }).config).toEqual({ event: 'no_reply', days: 5 });
    expect(draftToBody({ ...EMPTY_DRAFT, kind: 'date', field: 'custom', customFieldKey: ' contract ', direction: 'on' }).config).toEqual({ field: 'custom', customFieldKey: 'contract', offsetDays: 0 });
    expect(draftToBody({ ...EMPTY_DRAFT, kind: 'event', event: 'cart_abandoned', hours: '' }).config).toEqual({ event: 'cart_abandoned', hours: NaN });
  });

  it('keeps quiet hours and the inbox as chosen', () => {
    const draft = triggerToDraft(trigger({ kind: 'event', config: { event: 'deal_stage', stageId: 's1' }, inboxId: 'i1', quietHours: { from: '22:00', to: '08:00' } }));
    expect(draft).toMatchObject({ kind: 'event', event: 'deal_stage', stageId: 's1', inboxId: 'i1', quiet: true, quietFrom: '22:00' });
    expect(draftToBody(draft)).toMatchObject({ inboxId: 'i1', quietHours: { from: '22:00', to: '08:00' }, config: { event: 'deal_stage', stageId: 's1' } });
  });
});

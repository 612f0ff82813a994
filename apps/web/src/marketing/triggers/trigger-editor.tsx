import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Inbox, Pipeline } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { CheckField, FormActions, FormNotice, SelectField, TextField, useLoaded, useSave } from '../../settings/form-bits.js';
import { allItems, type Template } from '../../settings/settings-api.js';
import { draftToBody, TRIGGER_FORM_FIELDS, triggerToDraft, type OffsetDirection, type TriggerDraft } from './trigger-draft.js';
import type { DateField, Trigger, TriggerEvent, TriggerKind } from './triggers-api.js';

interface Choices {
  inboxes: Inbox[];
  templates: Template[];
  /** Empty while the server has no segments. */
  segments: Array<{ id: string; name: string }>;
  pipelines: Pipeline[];
}

async function loadChoices(): Promise<Choices> {
  const [inboxes, templates, segments, pipelines] = await Promise.all([
    allItems<Inbox>('/inboxes'),
    allItems<Template>('/templates'),
    allItems<{ id: string; name: string }>('/segments').catch(() => []),
    api.get<Pipeline[]>('/pipelines').catch(() => []),
  ]);
  return { inboxes, templates, segments, pipelines };
}

/** The trigger's settings: the kind and its own fields, then where, what and when to send. */
export function TriggerEditor({ trigger, onSaved }: { trigger: Trigger | null; onSaved(trigger: Trigger): void }) {
  const { t } = useApp();
  const [draft, setDraft] = useState<TriggerDraft>(() => triggerToDraft(trigger));
  const choices = useLoaded(loadChoices, []).data;
  const { errors, save, busy } = useSave(TRIGGER_FORM_FIELDS);
  const set = <K extends keyof TriggerDraft>(key: K, value: TriggerDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const e = errors.fields;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = draftToBody(draft);
    void save(() => (trigger ? api.patch<Trigger>(`/triggers/${trigger.id}`, body) : api.post<Trigger>('/triggers', body)), onSaved);
  };

  const kinds: Array<{ value: TriggerKind; label: string }> = [
    { value: 'date', label: t('ui.triggers.kind.date') },
    { value: 'event', label: t('ui.triggers.kind.event') },
  ];
  const fields: Array<{ value: DateField; label: string }> = [
    { value: 'birthday', label: t('ui.triggers.field.birthday') },
    { value: 'custom', label: t('ui.triggers.field.custom') },
    { value: 'created_at', label: t('ui.triggers.field.created_at') },
  ];
  const directions: Array<{ value: OffsetDirection; label: string }> = [
    { value: 'on', label: t('ui.triggers.offset.on') },
    { value: 'before', label: t('ui.triggers.offset.before') },
    { value: 'after', label: t('ui.triggers.offset.after') },
  ];
  const events: Array<{ value: TriggerEvent; label: string }> = [
    { value: 'deal_stage', label: t('ui.triggers.event.deal_stage') },
    { value: 'no_reply', label: t('ui.triggers.event.no_reply') },
    { value: 'cart_abandoned', label: t('ui.triggers.event.cart_abandoned') },
  ];
  const stages = (choices?.pipelines ?? []).flatMap((p) => p.stages.map((s) => ({ value: s.id, label: `${p.name} · ${s.name}` })));
  const none = { value: '', label: '—' };

  return (
    <form className="card form triggers__editor" onSubmit={submit} noValidate>
      <FormNotice message={errors.form} />
      <TextField label={t('ui.triggers.name')} value={draft.name} onChange={(v) => set('name', v)} error={e.name} autoFocus={!trigger} />
      <CheckField label={t('ui.triggers.active')} checked={draft.active} onChange={(v) => set('active', v)} />
      <SelectField label={t('ui.triggers.kind')} value={draft.kind} options={kinds} onChange={(v) => set('kind', v)} error={e.kind} />

      {draft.kind === 'date' ? (
        <fieldset className="triggers__group" data-testid="trigger-date-fields">
          <SelectField label={t('ui.triggers.field')} value={draft.field} options={fields} onChange={(v) => set('field', v)} error={e['config.field']} />
          {draft.field === 'custom' ? (
            <TextField label={t('ui.triggers.custom_field_key')} value={draft.customFieldKey} onChange={(v) => set('customFieldKey', v)} error={e['config.customFieldKey']} hint={t('ui.triggers.custom_field_hint')} />
          ) : null}
          <div className="triggers__inline">
            <SelectField label={t('ui.triggers.offset')} value={draft.direction} options={directions} onChange={(v) => set('direction', v)} />
            {draft.direction !== 'on' ? <TextField label={t('ui.triggers.offset_days')} type="number" value={draft.offsetDays} onChange={(v) => set('offsetDays', v)} error={e['config.offsetDays']} /> : null}
          </div>
          <TextField label={t('ui.triggers.send_at')} type="time" value={draft.sendAtLocal} onChange={(v) => set('sendAtLocal', v)} error={e.sendAtLocal} hint={t('ui.triggers.send_at_hint')} />
          {draft.field === 'birthday' ? <p className="muted triggers__hint">{t('ui.triggers.leap_day_hint')}</p> : null}
        </fieldset>
      ) : (
        <fieldset className="triggers__group" data-testid="trigger-event-fields">
          <SelectField label={t('ui.triggers.event')} value={draft.event} options={events} onChange={(v) => set('event', v)} error={e.config} />
          {draft.event === 'deal_stage' ? <SelectField label={t('ui.triggers.stage')} value={draft.stageId} options={[none, ...stages]} onChange={(v) => set('stageId', v)} error={e['config.stageId']} /> : null}
          {draft.event === 'no_reply' ? (
            <TextField label={t('ui.triggers.no_reply_days')} type="number" value={draft.days} onChange={(v) => set('days', v)} error={e['config.days']} hint={t('ui.triggers.no_reply_hint')} />
          ) : null}
          {draft.event === 'cart_abandoned' ? (
            <TextField label={t('ui.triggers.cart_hours')} type="number" value={draft.hours} onChange={(v) => set('hours', v)} error={e['config.hours']} hint={t('ui.triggers.cart_hint')} />
          ) : null}
        </fieldset>
      )}

      <SelectField
        label={t('ui.triggers.inbox')}
        value={draft.inboxId}
        options={[{ value: '', label: t('ui.triggers.inbox_latest') }, ...(choices?.inboxes ?? []).map((i) => ({ value: i.id, label: i.name }))]}
        onChange={(v) => set('inboxId', v)}
        error={e.inboxId}
      />
      <SelectField
        label={t('ui.triggers.template')}
        value={draft.templateId}
        options={[none, ...(choices?.templates ?? []).map((x) => ({ value: x.id, label: `/${x.shortCode} · ${x.name}` }))]}
        onChange={(v) => set('templateId', v)}
        error={e.templateId}
      />
      <SelectField
        label={t('ui.triggers.segment')}
        value={draft.segmentId}
        options={[{ value: '', label: t('ui.triggers.segment_all') }, ...(choices?.segments ?? []).map((s) => ({ value: s.id, label: s.name }))]}
        onChange={(v) => set('segmentId', v)}
        error={e.segmentId}
      />
      <CheckField label={t('ui.triggers.quiet')} checked={draft.quiet} onChange={(v) => set('quiet', v)} />
      {draft.quiet ? (
        <div className="triggers__inline">
          <TextField label={t('ui.triggers.quiet_from')} type="time" value={draft.quietFrom} onChange={(v) => set('quietFrom', v)} error={e.quietHours} />
          <TextField label={t('ui.triggers.quiet_to')} type="time" value={draft.quietTo} onChange={(v) => set('quietTo', v)} />
        </div>
      ) : null}
      <p className="muted triggers__hint">{t('ui.triggers.zone_hint')}</p>
      <FormActions label={trigger ? t('ui.triggers.save') : t('ui.triggers.create')} busy={busy} />
    </form>
  );
}

import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useApp } from '../../app-context.js';
import { FieldError } from '../../ui/bits.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { useWorkspace } from '../../workspace.js';
import { campaignsApi } from './campaigns-api.js';
import { formatVariables, parseVariables } from './campaign-progress.js';
import type { CampaignDraft, CampaignView, SegmentOption, TemplateOption } from './types.js';

const FIELDS = ['name', 'inboxId', 'segmentId', 'templateId', 'variables', 'scheduledAt', 'cost'] as const;
const CHANNELS = ['telegram', 'vk', 'email', 'sms'];

interface Props {
  /** The campaign to change; a new draft without it. */
  campaign?: CampaignView;
  onSaved(campaign: CampaignView): void;
  onCancel(): void;
}

/** `datetime-local` speaks the browser's local time without a zone; the API speaks ISO instants. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** A campaign's settings: inbox, segment with its size now, template, variables, schedule and cost. */
export function CampaignEditor({ campaign, onSaved, onCancel }: Props) {
  const { t, notify } = useApp();
  const { inboxes } = useWorkspace();
  const locked = campaign ? !['draft', 'scheduled'].includes(campaign.status) : false;
  const [name, setName] = useState(campaign?.name ?? '');
  const [inboxId, setInboxId] = useState(campaign?.inboxId ?? '');
  const [segmentId, setSegmentId] = useState(campaign?.segmentId ?? '');
  const [templateId, setTemplateId] = useState(campaign?.templateId ?? '');
  const [variables, setVariables] = useState(formatVariables(campaign?.variables ?? {}));
  const [scheduledAt, setScheduledAt] = useState(toLocalInput(campaign?.scheduledAt ?? null));
  const [cost, setCost] = useState(campaign?.cost ?? '');
  const [segments, setSegments] = useState<SegmentOption[] | null>(null);
  const [templates, setTemplates] = useState<TemplateOption[]>([]);
  const [size, setSize] = useState<{ count: number; optedOut: number } | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear } = useFormErrors(FIELDS);
  const channels = useMemo(() => inboxes.filter((inbox) => CHANNELS.includes(inbox.type)), [inboxes]);

  useEffect(() => {
    campaignsApi.segments().then(
      (page) => setSegments(page.items),
      () => setSegments([]),
    );
  }, []);

  useEffect(() => {
    let current = true;
    campaignsApi.templates(inboxId).then(
      (page) => current && setTemplates(page.items),
      () => current && setTemplates([]),
    );
    return () => {
      current = false;
    };
  }, [inboxId]);

  useEffect(() => {
    if (!segmentId) return setSize(undefined);
    let current = true;
    setSize(undefined);
    void campaignsApi.segmentSize(segmentId).then((figures) => current && setSize(figures));
    return () => {
      current = false;
    };
  }, [segmentId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    setBusy(true);
    const body: CampaignDraft = {
      name: name.trim(),
      inboxId,
      segmentId,
      templateId,
      variables: parseVariables(variables),
      scheduledAt: scheduledAt ? new Date(scheduledAt).toISOString() : null,
      cost: cost.trim() ? cost.trim().replace(',', '.') : null,
    };
    try {
      const saved = campaign ? await campaignsApi.update(campaign.id, locked ? { name: body.name, cost: body.cost } : body) : await campaignsApi.create(body);
      notify(t('ui.campaigns.saved', { name: saved.name }));
      onSaved(saved);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form card campaigns-editor" onSubmit={submit} noValidate aria-label={campaign ? t('ui.campaigns.edit') : t('ui.campaigns.new')}>
      {errors.form ? <p className="notice notice--error">{errors.form}</p> : null}
      <label className="field">
        <span>{t('ui.campaigns.name')}</span>
        <input className="input" name="name" value={name} required aria-invalid={Boolean(errors.fields.name)} onChange={(e) => setName(e.target.value)} />
        <FieldError message={errors.fields.name} />
      </label>
      <div className="form__row">
        <label className="field">
          <span>{t('ui.campaigns.inbox')}</span>
          <select className="input" name="inboxId" value={inboxId} disabled={locked} aria-invalid={Boolean(errors.fields.inboxId)} onChange={(e) => setInboxId(e.target.value)}>
            <option value="">—</option>
            {channels.map((inbox) => (
              <option key={inbox.id} value={inbox.id}>
                {inbox.name}
              </option>
            ))}
          </select>
          <FieldError message={errors.fields.inboxId} />
        </label>
        <label className="field">
          <span>{t('ui.campaigns.segment')}</span>
          <select className="input" name="segmentId" value={segmentId} disabled={locked} aria-invalid={Boolean(errors.fields.segmentId)} onChange={(e) => setSegmentId(e.target.value)}>
            <option value="">—</option>
            {(segments ?? []).map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </select>
          {segmentId ? (
            <small className="muted campaigns-editor__count" aria-live="polite">
              {size === undefined ? t('ui.loading') : size === null ? t('ui.campaigns.segment_size_unknown') : t('ui.campaigns.segment_size', { count: size.count, optedOut: size.optedOut })}
            </small>
          ) : null}
          <FieldError message={errors.fields.segmentId} />
        </label>
      </div>
      <label className="field">
        <span>{t('ui.campaigns.template')}</span>
        <select className="input" name="templateId" value={templateId} disabled={locked} aria-invalid={Boolean(errors.fields.templateId)} onChange={(e) => setTemplateId(e.target.value)}>
          <option value="">—</option>
          {templates.map((template) => (
            <option key={template.id} value={template.id}>
              {template.name} (/{template.shortCode})
            </option>
          ))}
        </select>
        <FieldError message={errors.fields.templateId} />
      </label>
      <label className="field">
        <span>{t('ui.campaigns.variables')}</span>
        <textarea className="input campaigns-editor__variables" name="variables" rows={3} spellCheck={false} placeholder="promo=SPRING" value={variables} disabled={locked} aria-invalid={Boolean(errors.fields.variables)} onChange={(e) => setVariables(e.target.value)} />
        <small className="muted">{t('ui.campaigns.variables_hint')}</small>
        <FieldError message={errors.fields.variables} />
      </label>
      <div className="form__row">
        <label className="field">
          <span>{t('ui.campaigns.schedule')}</span>
          <input className="input" type="datetime-local" name="scheduledAt" value={scheduledAt} disabled={locked} aria-invalid={Boolean(errors.fields.scheduledAt)} onChange={(e) => setScheduledAt(e.target.value)} />
          <small className="muted">{t('ui.campaigns.schedule_hint')}</small>
          <FieldError message={errors.fields.scheduledAt} />
        </label>
        <label className="field">
          <span>{t('ui.campaigns.cost')}</span>
          <input className="input" name="cost" inputMode="decimal" value={cost} aria-invalid={Boolean(errors.fields.cost)} onChange={(e) => setCost(e.target.value)} />
          <FieldError message={errors.fields.cost} />
        </label>
      </div>
      <div className="form__actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('ui.action.cancel')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {campaign ? t('ui.action.save') : t('ui.action.create')}
        </button>
      </div>
    </form>
  );
}

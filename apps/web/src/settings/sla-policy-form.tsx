import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useApp } from '../app-context.js';
import type { SlaPolicy } from '../reports/types.js';
import { FieldError } from '../ui/bits.js';
import { useWorkspace } from '../workspace.js';
import { BackLink, CheckField, FormNotice, SectionHead, TextField, useSave } from './form-bits.js';
import { draftFromPolicy, policyInput, SLA_PRIORITIES, SLA_THRESHOLDS, type HoursMinutes, type SlaDraft, type SlaThreshold } from './sla-form-state.js';

const FIELDS = ['name', 'active', ...SLA_THRESHOLDS, 'businessHoursOnly', 'warningPercent', 'conditions.inboxIds', 'conditions.teamIds', 'conditions.priorities', 'conditions.labels', 'conditions'];

const THRESHOLD_LABEL = {
  firstResponseSeconds: 'ui.sla.kind.first_response',
  nextResponseSeconds: 'ui.sla.kind.next_response',
  resolutionSeconds: 'ui.sla.kind.resolution',
} as const;

function ThresholdField({ field, value, onChange, error }: { field: SlaThreshold; value: HoursMinutes; onChange(value: HoursMinutes): void; error?: string }) {
  const { t } = useApp();
  const label = t(THRESHOLD_LABEL[field]);
  return (
    <fieldset className="reports-sla-threshold">
      <legend>{label}</legend>
      <label>
        <input className="input" inputMode="numeric" value={value.hours} aria-label={t('ui.sla.hours_of', { name: label })} aria-invalid={Boolean(error)} onChange={(e) => onChange({ ...value, hours: e.target.value })} />
        <span>{t('ui.reports.unit.h')}</span>
      </label>
      <label>
        <input className="input" inputMode="numeric" value={value.minutes} aria-label={t('ui.sla.minutes_of', { name: label })} aria-invalid={Boolean(error)} onChange={(e) => onChange({ ...value, minutes: e.target.value })} />
        <span>{t('ui.reports.unit.min')}</span>
      </label>
      <FieldError message={error} />
    </fieldset>
  );
}

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

/** Creates or edits one SLA policy: time limits, how they are counted, and which conversations it covers. */
export function SlaPolicyForm({ policy, onDone }: { policy: SlaPolicy | null; onDone(): void }) {
  const { t, navigate } = useApp();
  const { inboxes, teams } = useWorkspace();
  const [draft, setDraft] = useState<SlaDraft>(() => draftFromPolicy(policy));
  const [invalid, setInvalid] = useState<string[]>([]);
  const { errors, save, busy } = useSave(FIELDS);
  const set = <K extends keyof SlaDraft>(key: K, value: SlaDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const back = () => navigate({ page: 'settings', section: 'sla', id: null });
  const fieldError = (field: string) => (invalid.includes(field) ? t('ui.sla.invalid_number') : errors.fields[field]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { input, invalid: wrong } = policyInput(draft);
    setInvalid(wrong);
    if (!input) return;
    void save(
      () => (policy ? api.patch<SlaPolicy>(`/sla-policies/${policy.id}`, input) : api.post<SlaPolicy>('/sla-policies', input)),
      () => {
        onDone();
        back();
      },
    );
  };

  return (
    <div className="settings__page">
      <BackLink label={t('ui.sla.title')} onClick={back} />
      <SectionHead title={policy ? policy.name : t('ui.sla.new')} />
      <form className="form card settings__card reports-sla-form" onSubmit={submit} noValidate>
        <FormNotice message={errors.form} />
        <TextField label={t('ui.sla.name')} value={draft.name} onChange={(v) => set('name', v)} error={errors.fields.name} />
        <CheckField label={t('ui.sla.active')} checked={draft.active} onChange={(v) => set('active', v)} />
        <p className="muted reports-sla-hint">{t('ui.sla.thresholds_hint')}</p>
        <div className="reports-sla-thresholds">
          {SLA_THRESHOLDS.map((field) => (
            <ThresholdField key={field} field={field} value={draft.thresholds[field]} onChange={(v) => set('thresholds', { ...draft.thresholds, [field]: v })} error={fieldError(field)} />
          ))}
        </div>
        <CheckField label={t('ui.sla.business_hours_only')} checked={draft.businessHoursOnly} onChange={(v) => set('businessHoursOnly', v)} />
        <TextField type="number" label={t('ui.sla.warning_percent')} value={draft.warningPercent} onChange={(v) => set('warningPercent', v)} error={fieldError('warningPercent')} hint={t('ui.sla.warning_hint')} />
        <h3 className="card__label">{t('ui.sla.conditions')}</h3>
        <p className="muted reports-sla-hint">{t('ui.sla.conditions_hint')}</p>
        <fieldset className="reports-sla-choices">
          <legend>{t('ui.sla.inboxes')}</legend>
          {inboxes.map((inbox) => (
            <CheckField key={inbox.id} label={inbox.name} checked={draft.inboxIds.includes(inbox.id)} onChange={(on) => set('inboxIds', toggle(draft.inboxIds, inbox.id, on))} />
          ))}
          <FieldError message={errors.fields['conditions.inboxIds']} />
        </fieldset>
        <fieldset className="reports-sla-choices">
          <legend>{t('ui.sla.teams')}</legend>
          {teams.length === 0 ? <span className="muted">{t('ui.sla.no_teams')}</span> : null}
          {teams.map((team) => (
            <CheckField key={team.id} label={team.name} checked={draft.teamIds.includes(team.id)} onChange={(on) => set('teamIds', toggle(draft.teamIds, team.id, on))} />
          ))}
          <FieldError message={errors.fields['conditions.teamIds']} />
        </fieldset>
        <fieldset className="reports-sla-choices">
          <legend>{t('ui.sla.priorities')}</legend>
          {SLA_PRIORITIES.map((priority) => (
            <CheckField key={priority} label={t(`ui.priority.${priority}`)} checked={draft.priorities.includes(priority)} onChange={(on) => set('priorities', toggle(draft.priorities, priority, on))} />
          ))}
          <FieldError message={errors.fields['conditions.priorities']} />
        </fieldset>
        <TextField label={t('ui.sla.labels')} value={draft.labels} onChange={(v) => set('labels', v)} error={errors.fields['conditions.labels'] ?? errors.fields.conditions} hint={t('ui.sla.labels_hint')} />
        <div className="form__actions">
          <button type="button" className="btn" onClick={back}>
            {t('ui.action.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {policy ? t('ui.action.save') : t('ui.action.create')}
          </button>
        </div>
      </form>
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import type { MessageKey } from '@app/i18n';
import { api } from '../api/client.js';
import type { Inbox, Pipeline, Team, User } from '../api/types.js';
import { useApp } from '../app-context.js';
import { FieldError } from '../ui/bits.js';
import { CheckField, FormActions, FormNotice, rowFieldErrors, SelectField, TextField, useLoaded, useSave } from './form-bits.js';
import { FIXED_CATALOG, ruleCatalogFrom, type RuleCatalogAnswer } from './rule-catalog.js';
import { actionTypesFor, conditionTypesFor, draftToRule, emptyRow, fieldsOfRow, ruleToDraft, type RefList, type RowDraft, type RowField } from './rule-draft.js';
import { allItems, CHANNEL_TYPES, type AutomationRule, type Template } from './settings-api.js';

type Choices = Record<RefList, Array<{ value: string; label: string }>>;

async function loadChoices(): Promise<Choices> {
  const [users, teams, templates, inboxes, pipelines, segments] = await Promise.all([
    allItems<User>('/users', { active: 'true' }),
    allItems<Team>('/teams'),
    allItems<Template>('/templates'),
    allItems<Inbox>('/inboxes'),
    api.get<Pipeline[]>('/pipelines').catch(() => []),
    allItems<{ id: string; name: string }>('/segments').catch(() => []),
  ]);
  return {
    users: users.map((u) => ({ value: u.id, label: u.name })),
    teams: teams.map((x) => ({ value: x.id, label: x.name })),
    templates: templates.map((x) => ({ value: x.id, label: `/${x.shortCode} · ${x.name}` })),
    inboxes: inboxes.map((x) => ({ value: x.id, label: x.name })),
    pipelines: pipelines.map((p) => ({ value: p.id, label: p.name })),
    stages: pipelines.flatMap((p) => p.stages.map((s) => ({ value: s.id, label: `${p.name} · ${s.name}` }))),
    segments: segments.map((x) => ({ value: x.id, label: x.name })),
  };
}

/** The server's catalog of events, conditions and actions; the editor's fixed lists when it cannot be read. */
const loadCatalog = () =>
  api
    .get<RuleCatalogAnswer>('/automation-rules/catalog')
    .catch(() => null)
    .then(ruleCatalogFrom);

interface Props {
  rule: AutomationRule | null;
  /** A created rule comes with its webhook signing secret, this once. */
  onSaved(rule: AutomationRule & { webhookSecret?: string }): void;
}

/** Event → conditions → actions as a form: pick the event, add condition rows, add action rows. */
export function RuleEditor({ rule, onSaved }: Props) {
  const { t } = useApp();
  const [draft, setDraft] = useState(() => ruleToDraft(rule));
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const choices = useLoaded(loadChoices, []);
  const catalog = useLoaded(loadCatalog, []).data ?? FIXED_CATALOG;
  const { errors, save, busy } = useSave(['name', 'event', 'match', 'enabled']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRowErrors({});
    const body = draftToRule(draft);
    void save(() => (rule ? api.patch<AutomationRule>(`/automation-rules/${rule.id}`, body) : api.post<AutomationRule & { webhookSecret?: string }>('/automation-rules', body)), onSaved, (e) => setRowErrors(rowFieldErrors(e, /^(conditions|actions)\./)));
  };
  const setRows = (kind: 'conditions' | 'actions', rows: RowDraft[]) => setDraft({ ...draft, [kind]: rows });

  return (
    <form className="form card settings__card settings__rule" onSubmit={submit} noValidate>
      <FormNotice message={errors.form} />
      <TextField label={t('ui.settings.name')} value={draft.name} onChange={(name) => setDraft({ ...draft, name })} error={errors.fields.name} />
      <div className="form__row">
        <SelectField label={t('ui.settings.rule.event')} value={draft.event} onChange={(e) => setDraft({ ...draft, event: e })} options={[...new Set([...catalog.events, draft.event])].map((e) => ({ value: e, label: t(`ui.settings.rule.event.${e}` as MessageKey) }))} error={errors.fields.event} />
        <SelectField
          label={t('ui.settings.rule.match')}
          value={draft.match}
          onChange={(match) => setDraft({ ...draft, match })}
          options={[
            { value: 'all', label: t('ui.settings.rule.match.all') },
            { value: 'any', label: t('ui.settings.rule.match.any') },
          ]}
        />
      </div>
      <CheckField label={t('ui.settings.enabled')} checked={draft.enabled} onChange={(enabled) => setDraft({ ...draft, enabled })} />
      <RowList kind="condition" title={t('ui.settings.rule.conditions')} empty={t('ui.settings.rule.no_conditions')} types={conditionTypesFor(draft.event).filter((type) => catalog.conditionTypes.includes(type))} rows={draft.conditions} onChange={(rows) => setRows('conditions', rows)} choices={choices.data} errors={rowErrors} />
      <RowList kind="action" title={t('ui.settings.rule.actions')} empty={t('ui.settings.rule.no_actions')} types={actionTypesFor(draft.event).filter((type) => catalog.actionTypes.includes(type))} rows={draft.actions} onChange={(rows) => setRows('actions', rows)} choices={choices.data} errors={rowErrors} />
      <FormActions busy={busy} label={rule ? t('ui.action.save') : t('ui.action.create')} />
    </form>
  );
}

interface RowListProps {
  kind: 'condition' | 'action';
  title: string;
  empty: string;
  types: readonly string[];
  rows: RowDraft[];
  onChange(rows: RowDraft[]): void;
  choices: Choices | null;
  errors: Record<string, string>;
}

function RowList({ kind, title, empty, types, rows, onChange, choices, errors }: RowListProps) {
  const { t } = useApp();
  const prefix = kind === 'condition' ? 'conditions' : 'actions';
  const typeLabel = (type: string) => t(`ui.settings.rule.${kind}.${type}` as MessageKey);
  return (
    <fieldset className="settings__fieldset settings__rows">
      <legend>{title}</legend>
      {rows.length === 0 ? <p className="muted">{empty}</p> : null}
      {rows.map((row, i) => (
        <div key={row.key} className="settings__rule-row" data-testid={`${kind}-row`}>
          <div className="settings__rule-row-head">
            <select className="input" aria-label={t(`ui.settings.rule.${kind}_type`)} value={row.type} onChange={(e) => onChange(rows.map((r, j) => (j === i ? emptyRow(kind, e.target.value) : r)))}>
              {[...new Set([...types, row.type])].map((type) => (
                <option key={type} value={type}>
                  {typeLabel(type)}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('ui.action.remove')}>
              ×
            </button>
          </div>
          {fieldsOfRow(kind, row.type).map((field) => (
            <RowInput
              key={field.name}
              field={field}
              value={row.values[field.name]}
              choices={choices}
              error={errors[`${prefix}.${i}.${field.name}`]}
              onChange={(value) => onChange(rows.map((r, j) => (j === i ? { ...r, values: { ...r.values, [field.name]: value } } : r)))}
            />
          ))}
          <FieldError message={errors[`${prefix}.${i}.type`] ?? errors[`${prefix}.${i}`]} />
        </div>
      ))}
      <select className="input settings__add-row" value="" aria-label={t(`ui.settings.rule.add_${kind}`)} onChange={(e) => e.target.value && onChange([...rows, emptyRow(kind, e.target.value)])}>
        <option value="">+ {t(`ui.settings.rule.add_${kind}`)}</option>
        {types.map((type) => (
          <option key={type} value={type}>
            {typeLabel(type)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}

interface RowInputProps {
  field: RowField;
  value: string | string[] | undefined;
  choices: Choices | null;
  error: string | undefined;
  onChange(value: string | string[]): void;
}

function RowInput({ field, value, choices, error, onChange }: RowInputProps) {
  const { t } = useApp();
  const label = t(`ui.settings.rule.field.${field.name}` as MessageKey) + (field.optional ? ` (${t('ui.settings.optional')})` : '');
  const optionLabel = (v: string) => ((CHANNEL_TYPES as readonly string[]).includes(v) ? t(`ui.settings.channel.${v}` as MessageKey) : t(`ui.settings.rule.opt.${v}` as MessageKey));
  const text = typeof value === 'string' ? value : '';
  if (field.kind === 'multi') {
    const selected = new Set(Array.isArray(value) ? value : []);
    const options = field.ref ? (choices?.[field.ref] ?? []) : (field.options ?? []).map((o) => ({ value: o, label: optionLabel(o) }));
    return (
      <div className="field" role="group" aria-label={label}>
        <span>{label}</span>
        <div className="settings__multi">
          {options.map((o) => (
            <CheckField
              key={o.value}
              label={o.label}
              checked={selected.has(o.value)}
              onChange={(on) => onChange(on ? [...selected, o.value] : [...selected].filter((v) => v !== o.value))}
            />
          ))}
        </div>
        <FieldError message={error} />
      </div>
    );
  }
  if (field.kind === 'select' || field.kind === 'ref') {
    const options =
      field.kind === 'ref'
        ? [{ value: '', label: '—' }, ...(field.extra ?? []).map((o) => ({ value: o, label: optionLabel(o) })), ...(choices?.[field.ref!] ?? [])]
        : (field.options ?? []).map((o) => ({ value: o, label: optionLabel(o) }));
    return <SelectField label={label} value={text} onChange={onChange} options={options} error={error} />;
  }
  return <TextField label={label} value={text} onChange={onChange} error={error} multiline={field.kind === 'textarea'} rows={2} type={field.kind === 'number' ? 'number' : 'text'} />;
}

import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { MessageKey } from '@app/i18n';
import { ApiError } from '../../api/api-error.js';
import { useApp } from '../../app-context.js';
import { formatAmount } from '../../format.js';
import { FieldError, Spinner } from '../../ui/bits.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { useWorkspace } from '../../workspace.js';
import { ConditionRow, type ConditionChoices } from './condition-row.js';
import { conditionErrors, emptyCondition, filterFromJson, filterToJson, SEGMENT_FIELDS, type FilterDraft, type SegmentField } from './segment-conditions.js';
import { canEditSegments, segmentsApi, type SegmentContact, type SegmentReport, type SegmentView } from './segments-api.js';

const FIELDS = ['name', 'description', 'filter'] as const;
const PREVIEW_DELAY_MS = 400;

type Preview = { state: 'pending' } | { state: 'invalid' } | { state: 'ready'; count: number; sample: SegmentContact[] };

interface Props {
  /** null: a new segment. */
  id: string | null;
  onClose(): void;
  onSaved(segment: SegmentView): void;
}

/** A segment's name and conditions, with the live count and sample of what they select, and its figures once saved. */
export function SegmentEditor({ id, onClose, onSaved }: Props) {
  const { t, me, notify } = useApp();
  const { inboxes, pipelines } = useWorkspace();
  const editable = canEditSegments(me?.role);
  const [segment, setSegment] = useState<SegmentView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [draft, setDraft] = useState<FilterDraft>({ match: 'all', conditions: [] });
  const [companies, setCompanies] = useState<ConditionChoices['companies']>([]);
  const [preview, setPreview] = useState<Preview>({ state: 'pending' });
  const [report, setReport] = useState<SegmentReport | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear } = useFormErrors(FIELDS);

  useEffect(() => {
    segmentsApi.companies().then(
      (page) => setCompanies(page.items),
      () => setCompanies([]),
    );
  }, []);

  useEffect(() => {
    if (!id) return;
    segmentsApi.get(id).then(
      (loaded) => {
        setSegment(loaded);
        setName(loaded.name);
        setDescription(loaded.description ?? '');
        setDraft(filterFromJson(loaded.filter));
      },
      (error) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
    segmentsApi.report(id).then(setReport, () => setReport(null));
  }, [id]);

  const filterJson = useMemo(() => JSON.stringify(filterToJson(draft)), [draft]);
  useEffect(() => {
    let current = true;
    setPreview({ state: 'pending' });
    const timer = setTimeout(() => {
      segmentsApi.preview(JSON.parse(filterJson)).then(
        (answer) => current && setPreview({ state: 'ready', ...answer }),
        () => current && setPreview({ state: 'invalid' }),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [filterJson]);

  const choices: ConditionChoices = useMemo(
    () => ({
      inboxes,
      stages: pipelines.flatMap((p) => p.stages.map((s) => ({ value: s.id, label: `${p.name} · ${s.name}` }))),
      companies,
    }),
    [inboxes, pipelines, companies],
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    setRowErrors({});
    setBusy(true);
    const body = { name: name.trim(), description: description.trim() || null, filter: filterToJson(draft) };
    try {
      const saved = segment ? await segmentsApi.update(segment.id, body) : await segmentsApi.create(body);
      notify(t('ui.segments.saved', { name: saved.name }));
      setSegment(saved);
      if (segment) segmentsApi.report(saved.id).then(setReport, () => setReport(null));
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError) setRowErrors(conditionErrors(error.fieldErrors));
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!segment || !window.confirm(t('ui.segments.delete_confirm', { name: segment.name }))) return;
    try {
      await segmentsApi.remove(segment.id);
      notify(t('ui.segments.deleted', { name: segment.name }));
      onClose();
    } catch (error) {
      fail(error);
    }
  }

  const setRows = (conditions: FilterDraft['conditions']) => setDraft({ ...draft, conditions });

  if (loadError) return <p className="notice notice--error">{loadError}</p>;
  if (id && !segment) return <Spinner label={t('ui.loading')} />;

  return (
    <div className="segments-editor">
      <button type="button" className="btn btn--ghost btn--small segments-editor__back" onClick={onClose}>
        {t('ui.segments.back')}
      </button>
      <form className="form card segments-editor__form" onSubmit={submit} noValidate aria-label={segment ? segment.name : t('ui.segments.new')}>
        {errors.form ? (
          <p className="notice notice--error" role="alert">
            {errors.form}
          </p>
        ) : null}
        {!editable ? <p className="muted">{t('ui.segments.read_only')}</p> : null}
        <label className="field">
          <span>{t('ui.segments.name')}</span>
          <input className="input" name="name" value={name} disabled={!editable} aria-invalid={Boolean(errors.fields.name)} onChange={(e) => setName(e.target.value)} />
          <FieldError message={errors.fields.name} />
        </label>
        <label className="field">
          <span>{t('ui.segments.description')}</span>
          <textarea className="input" name="description" rows={2} value={description} disabled={!editable} aria-invalid={Boolean(errors.fields.description)} onChange={(e) => setDescription(e.target.value)} />
          <FieldError message={errors.fields.description} />
        </label>
        <fieldset className="segments-editor__conditions">
          <legend>{t('ui.segments.conditions')}</legend>
          <label className="segments-editor__match">
            <span>{t('ui.segments.match')}</span>
            <select className="input" value={draft.match} disabled={!editable} onChange={(e) => setDraft({ ...draft, match: e.target.value === 'any' ? 'any' : 'all' })}>
              <option value="all">{t('ui.segments.match.all')}</option>
              <option value="any">{t('ui.segments.match.any')}</option>
            </select>
          </label>
          {draft.conditions.length === 0 ? <p className="muted">{t('ui.segments.no_conditions')}</p> : null}
          {draft.conditions.map((row, i) => (
            <ConditionRow
              key={row.key}
              index={i}
              row={row}
              choices={choices}
              errors={rowErrors}
              disabled={!editable}
              onChange={(next) => setRows(draft.conditions.map((r, j) => (j === i ? next : r)))}
              onRemove={() => setRows(draft.conditions.filter((_, j) => j !== i))}
            />
          ))}
          {Object.keys(rowErrors).length === 0 ? <FieldError message={errors.fields.filter} /> : null}
          {editable ? (
            <select className="input segments-editor__add" value="" aria-label={t('ui.segments.add_condition')} onChange={(e) => e.target.value && setRows([...draft.conditions, emptyCondition(e.target.value as SegmentField)])}>
              <option value="">+ {t('ui.segments.add_condition')}</option>
              {SEGMENT_FIELDS.map((field) => (
                <option key={field} value={field}>
                  {t(`ui.segments.field.${field}`)}
                </option>
              ))}
            </select>
          ) : null}
        </fieldset>
        {editable ? (
          <div className="form__actions">
            {segment ? (
              <button type="button" className="btn segments-editor__delete" onClick={() => void remove()}>
                {t('ui.segments.delete')}
              </button>
            ) : null}
            <button type="button" className="btn" onClick={onClose}>
              {t('ui.action.cancel')}
            </button>
            <button type="submit" className="btn btn--primary" disabled={busy}>
              {segment ? t('ui.action.save') : t('ui.action.create')}
            </button>
          </div>
        ) : null}
      </form>
      <aside className="segments-editor__side">
        <PreviewCard preview={preview} />
        {report ? <ReportCard report={report} /> : null}
      </aside>
    </div>
  );
}

function PreviewCard({ preview }: { preview: Preview }) {
  const { t, navigate } = useApp();
  return (
    <section className="card segments-preview" aria-live="polite" aria-label={t('ui.segments.preview')}>
      <p className="segments-preview__count" data-testid="segment-count">
        {preview.state === 'ready' ? t('ui.segments.count', { count: preview.count }) : preview.state === 'pending' ? t('ui.segments.count_pending') : t('ui.segments.count_invalid')}
      </p>
      {preview.state === 'ready' ? (
        preview.sample.length ? (
          <>
            <h3 className="card__label">{t('ui.segments.sample')}</h3>
            <ul className="segments-preview__sample">
              {preview.sample.map((contact) => (
                <li key={contact.id}>
                  <a
                    href={`/contacts/${contact.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate({ page: 'contacts', contactId: contact.id });
                    }}
                  >
                    {contact.name || contact.phones[0] || contact.emails[0] || '—'}
                  </a>
                  {contact.optedOutAt ? <span className="muted"> · {t('ui.contact.consent.badge')}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">{t('ui.segments.sample_empty')}</p>
        )
      ) : null}
    </section>
  );
}

function ReportCard({ report }: { report: SegmentReport }) {
  const { t, locale } = useApp();
  const channels = Object.entries(report.byChannel);
  return (
    <section className="card segments-report" aria-label={t('ui.segments.report')}>
      <h3 className="card__label">{t('ui.segments.report')}</h3>
      <dl className="props">
        <dt>{t('ui.segments.report.count')}</dt>
        <dd data-testid="segment-report-count">{report.count}</dd>
        <dt>{t('ui.segments.report.opted_out')}</dt>
        <dd>{report.optedOut}</dd>
        <dt>{t('ui.segments.report.won_deals')}</dt>
        <dd>{report.wonDeals}</dd>
        <dt>{t('ui.segments.report.won_revenue')}</dt>
        <dd>{formatAmount(report.wonRevenue, 'RUB', locale)}</dd>
        <dt>{t('ui.segments.report.by_channel')}</dt>
        <dd>
          {channels.length ? (
            channels.map(([type, count]) => (
              <div key={type}>
                {t(`ui.settings.channel.${type}` as MessageKey)}: {count}
              </div>
            ))
          ) : (
            <span className="muted">—</span>
          )}
        </dd>
      </dl>
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { api, request } from '../api/client.js';
import { useApp } from '../app-context.js';
import { FieldError } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import { formatMonth, parseAmount } from './report-format.js';
import type { ReportInputs } from './types.js';

const FIELDS = ['marketingSpend', 'salesSpend', 'crmCost', 'baselineRevenue'] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string>;

const EMPTY: Draft = { marketingSpend: '', salesSpend: '', crmCost: '', baselineRevenue: '' };

/** The month's spend figures behind CAC and ROI; saving them recalculates the report. */
export function SalesInputsForm({ month, onSaved }: { month: string; onSaved(): void }) {
  const { t, locale, notify } = useApp();
  const monthName = formatMonth(month, locale);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [saving, setSaving] = useState(false);
  const [invalid, setInvalid] = useState<Field | null>(null);
  const { errors, fail, clear } = useFormErrors(FIELDS);

  useEffect(() => {
    let current = true;
    setDraft(EMPTY);
    api
      .get<ReportInputs>('/reports/inputs', { month })
      .then((inputs) => current && setDraft(Object.fromEntries(FIELDS.map((f) => [f, String(inputs[f] ?? 0)])) as Draft))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [month]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const values: Partial<Record<Field, number>> = {};
    for (const field of FIELDS) {
      const value = parseAmount(draft[field]);
      if (value === null) return setInvalid(field);
      values[field] = value;
    }
    setInvalid(null);
    setSaving(true);
    try {
      await request<ReportInputs>('PUT', '/reports/inputs', { month, ...values });
      notify(t('ui.reports.inputs.saved', { month: monthName }));
      onSaved();
    } catch (caught) {
      fail(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="reports-card reports-inputs" onSubmit={(e) => void submit(e)} noValidate>
      <h2 className="reports-card__title">{t('ui.reports.inputs.title', { month: monthName })}</h2>
      <p className="muted reports-inputs__lead">{t('ui.reports.inputs.lead')}</p>
      <div className="reports-inputs__grid">
        {FIELDS.map((field) => (
          <label key={field} className="field">
            <span>{t(`ui.reports.inputs.${field}`)}</span>
            <input
              className="input"
              inputMode="decimal"
              value={draft[field]}
              aria-invalid={invalid === field || Boolean(errors.fields[field]) || undefined}
              onChange={(e) => setDraft((d) => ({ ...d, [field]: e.target.value }))}
            />
            <FieldError message={invalid === field ? t('ui.reports.inputs.invalid') : errors.fields[field]} />
          </label>
        ))}
      </div>
      <FieldError message={errors.form ?? undefined} />
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={saving}>
          {t('ui.action.save')}
        </button>
      </div>
    </form>
  );
}

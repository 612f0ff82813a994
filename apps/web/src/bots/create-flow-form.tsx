import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.js';
import { useApp } from '../app-context.js';
import { FieldError } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import { botsApi } from './bots-api.js';
import { DocumentErrors } from './document-errors.js';
import { parseFlow, starterFlow } from './flow-text.js';
import type { BotFlow, BotFlowSummary, FlowDocument } from './types.js';

const FIELDS = ['name', 'description', 'document'] as const;
type Source = 'empty' | 'copy' | 'json';

interface Props {
  flows: BotFlowSummary[];
  onCreated(flow: BotFlow): void;
  onCancel(): void;
}

/** A new flow: a greeting to start from, a copy of another flow's draft, or a pasted document. */
export function CreateFlowForm({ flows, onCreated, onCancel }: Props) {
  const { t, notify } = useApp();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [source, setSource] = useState<Source>('empty');
  const [copyOf, setCopyOf] = useState('');
  const [json, setJson] = useState('');
  const [documentErrors, setDocumentErrors] = useState<Array<{ field: string; message: string }>>([]);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear } = useFormErrors(FIELDS);

  async function documentToSend(): Promise<FlowDocument | null> {
    if (source === 'empty') return starterFlow(t('ui.bots.starter_greeting'));
    if (source === 'copy') {
      const original = flows.find((f) => f.id === copyOf);
      if (!original) {
        fail(new ApiError(400, { errors: [{ field: 'document', message: t('ui.bots.pick_copy') }] }, t('ui.bots.pick_copy')));
        return null;
      }
      return (await botsApi.getFlow(original.id)).draft;
    }
    const parsed = parseFlow(json);
    if (!parsed.ok) {
      fail(new ApiError(400, { errors: [{ field: 'document', message: t('ui.bots.json_invalid') }] }, t('ui.bots.json_invalid')));
      return null;
    }
    return parsed.doc;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    setDocumentErrors([]);
    setBusy(true);
    try {
      const document = await documentToSend();
      if (!document) return;
      const flow = await botsApi.createFlow({ name: name.trim(), description: description.trim() || null, document });
      notify(t('ui.bots.created', { name: flow.name }));
      onCreated(flow);
    } catch (error) {
      fail(error);
      if (error instanceof ApiError) setDocumentErrors(error.fieldErrors.filter((e) => e.field.startsWith('document.')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form card bots-create" onSubmit={submit} noValidate aria-label={t('ui.bots.new')}>
      {errors.form ? <p className="notice notice--error">{errors.form}</p> : null}
      <label className="field">
        <span>{t('ui.bots.name')}</span>
        <input className="input" value={name} required aria-invalid={Boolean(errors.fields.name)} onChange={(e) => setName(e.target.value)} />
        <FieldError message={errors.fields.name} />
      </label>
      <label className="field">
        <span>{t('ui.bots.description')}</span>
        <input className="input" value={description} aria-invalid={Boolean(errors.fields.description)} onChange={(e) => setDescription(e.target.value)} />
        <FieldError message={errors.fields.description} />
      </label>
      <fieldset className="bots-create__source">
        <legend>{t('ui.bots.source')}</legend>
        {(['empty', 'copy', 'json'] as const).map((value) => (
          <label key={value} className="bots-radio">
            <input type="radio" name="source" value={value} checked={source === value} onChange={() => setSource(value)} />
            {t(`ui.bots.source.${value}`)}
          </label>
        ))}
      </fieldset>
      {source === 'copy' ? (
        <label className="field">
          <span>{t('ui.bots.copy_of')}</span>
          <select className="input" value={copyOf} onChange={(e) => setCopyOf(e.target.value)}>
            <option value="">—</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {source === 'json' ? (
        <label className="field">
          <span>{t('ui.bots.json')}</span>
          <textarea className="input bots-code" rows={10} spellCheck={false} value={json} aria-invalid={Boolean(errors.fields.document)} onChange={(e) => setJson(e.target.value)} />
        </label>
      ) : null}
      {documentErrors.length ? <DocumentErrors errors={documentErrors} /> : <FieldError message={errors.fields.document} />}
      <div className="form__actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('ui.action.cancel')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('ui.action.create')}
        </button>
      </div>
    </form>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.js';
import { api } from '../api/client.js';
import type { Inbox } from '../api/types.js';
import { useApp } from '../app-context.js';
import { FormActions, FormNotice, SelectField, TextField, useAction, useLoaded, useSave } from './form-bits.js';
import { allItems, CHANNEL_TYPES, type KnownChannel, type RenderedTemplate, type Template } from './settings-api.js';
import { attachmentLabel, attachmentRowsOf, attachmentsBody, fileNameFromUrl, type AttachmentRow } from './template-attachments.js';

const FIELDS = ['shortCode', 'name', 'body', 'inboxId', 'variants', 'attachments'];
const PREVIEW_DELAY_MS = 300;
const MAX_ATTACHMENTS = 10;

/** The variables a template may use, with what each holds in the reader's language. */
interface TemplateVariables {
  items: string[];
  descriptions: Record<string, string | undefined>;
}

interface Props {
  template: Template | null;
  onSaved(template: Template): void;
  onDeleted(): void;
}

export function TemplateEditor({ template, onSaved, onDeleted }: Props) {
  const { t } = useApp();
  const [shortCode, setShortCode] = useState(template?.shortCode ?? '');
  const [name, setName] = useState(template?.name ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [inboxId, setInboxId] = useState(template?.inboxId ?? '');
  const [variants, setVariants] = useState<Array<[KnownChannel, string]>>(() => Object.entries(template?.variants ?? {}).map(([k, v]) => [k as KnownChannel, v ?? '']));
  const [attachments, setAttachments] = useState<AttachmentRow[]>(() => attachmentRowsOf(template?.attachments));
  const [previewChannel, setPreviewChannel] = useState<KnownChannel | ''>('');
  const lookups = useLoaded(async () => ({ inboxes: await allItems<Inbox>('/inboxes'), variables: await api.get<TemplateVariables>('/templates/variables') }), []);
  const bodyInput = useRef<HTMLDivElement>(null);
  const { errors, save, busy } = useSave(FIELDS);
  const act = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const payload = { shortCode, name, body, inboxId: inboxId || null, variants: Object.fromEntries(variants.filter(([, text]) => text.trim())), attachments: attachmentsBody(attachments) };
    void save(() => (template ? api.patch<Template>(`/templates/${template.id}`, payload) : api.post<Template>('/templates', payload)), onSaved);
  };
  const remove = async () => {
    if (template && window.confirm(t('ui.settings.template.delete_confirm')) && (await act(() => api.del(`/templates/${template.id}`), t('ui.settings.deleted')))) onDeleted();
  };
  const insertVariable = (variable: string) => {
    const area = bodyInput.current?.querySelector('textarea');
    const token = `{{${variable.replace('<field>', '')}}}`;
    const at = area?.selectionStart ?? body.length;
    setBody(body.slice(0, at) + token + body.slice(area?.selectionEnd ?? at));
  };
  const unusedChannels = CHANNEL_TYPES.filter((c) => !variants.some(([k]) => k === c));
  const previewBody = (previewChannel && variants.find(([k]) => k === previewChannel)?.[1]) || body;

  return (
    <form className="form card settings__card settings__template" onSubmit={submit} noValidate>
      <FormNotice message={errors.form} />
      <div className="form__row">
        <TextField label={t('ui.settings.template.short_code')} value={shortCode} onChange={setShortCode} error={errors.fields.shortCode} placeholder="greet" hint={t('ui.settings.template.short_code_hint')} />
        <TextField label={t('ui.settings.name')} value={name} onChange={setName} error={errors.fields.name} />
      </div>
      <SelectField
        label={t('ui.settings.inbox')}
        value={inboxId}
        onChange={setInboxId}
        error={errors.fields.inboxId}
        options={[{ value: '', label: t('ui.settings.all_inboxes') }, ...(lookups.data?.inboxes ?? []).map((i) => ({ value: i.id, label: i.name }))]}
      />
      <div ref={bodyInput}>
        <TextField label={t('ui.settings.template.body')} value={body} onChange={setBody} error={errors.fields.body} multiline rows={5} />
      </div>
      <div className="settings__variables" aria-label={t('ui.settings.template.variables')}>
        <span className="muted">{t('ui.settings.template.variables')}:</span>
        {(lookups.data?.variables.items ?? []).map((v) => (
          <button key={v} type="button" className="chip settings__variable" title={lookups.data?.variables.descriptions[v]} onClick={() => insertVariable(v)}>
            {`{{${v}}}`}
          </button>
        ))}
      </div>
      <fieldset className="settings__fieldset">
        <legend>{t('ui.settings.template.variants')}</legend>
        {variants.map(([channel, text], i) => (
          <div key={channel} className="settings__variant">
            <TextField
              label={t(`ui.settings.channel.${channel}`)}
              value={text}
              onChange={(v) => setVariants(variants.map((row, j) => (j === i ? [channel, v] : row)))}
              error={errors.fields.variants}
              multiline
              rows={2}
            />
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setVariants(variants.filter((_, j) => j !== i))}>
              {t('ui.action.remove')}
            </button>
          </div>
        ))}
        {unusedChannels.length ? (
          <select className="input" value="" aria-label={t('ui.settings.template.add_variant')} onChange={(e) => e.target.value && setVariants([...variants, [e.target.value as KnownChannel, '']])}>
            <option value="">+ {t('ui.settings.template.add_variant')}</option>
            {unusedChannels.map((c) => (
              <option key={c} value={c}>
                {t(`ui.settings.channel.${c}`)}
              </option>
            ))}
          </select>
        ) : null}
      </fieldset>
      <AttachmentsEditor rows={attachments} onChange={setAttachments} error={errors.fields.attachments} />
      <div className="settings__preview-head">
        <h3 className="card__label">{t('ui.settings.template.preview')}</h3>
        {variants.length ? (
          <select className="input input--compact" value={previewChannel} aria-label={t('ui.settings.template.preview_channel')} onChange={(e) => setPreviewChannel(e.target.value as KnownChannel | '')}>
            <option value="">{t('ui.settings.template.main_text')}</option>
            {variants.map(([c]) => (
              <option key={c} value={c}>
                {t(`ui.settings.channel.${c}`)}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      <TemplatePreview body={previewBody} attachments={attachments} />
      <FormActions busy={busy} label={template ? t('ui.action.save') : t('ui.action.create')} onDelete={template ? () => void remove() : undefined} />
    </form>
  );
}

/** Files sent with the text, by URL; the name is what the customer sees (taken from the URL when left empty). */
function AttachmentsEditor({ rows, onChange, error }: { rows: AttachmentRow[]; onChange(rows: AttachmentRow[]): void; error?: string }) {
  const { t } = useApp();
  const change = (index: number, patch: Partial<AttachmentRow>) => onChange(rows.map((row, j) => (j === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="settings__fieldset settings__attachments">
      <legend>{t('ui.settings.template.attachments')}</legend>
      {rows.length === 0 ? <p className="muted">{t('ui.settings.template.no_attachments')}</p> : null}
      {rows.map((row, i) => (
        <div key={i} className="form__row settings__attachment" data-testid="template-attachment">
          <TextField
            type="url"
            label={t('ui.settings.template.attachment_url')}
            value={row.url}
            placeholder="https://"
            onChange={(url) => change(i, { url })}
          />
          <TextField label={t('ui.settings.template.attachment_name')} value={row.fileName} placeholder={fileNameFromUrl(row.url)} onChange={(fileName) => change(i, { fileName })} />
          <button type="button" className="btn btn--ghost btn--small" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t('ui.settings.template.remove_attachment')}>
            ×
          </button>
        </div>
      ))}
      {error ? <p className="field-error">{error}</p> : null}
      {rows.length < MAX_ATTACHMENTS ? (
        <button type="button" className="btn btn--small" onClick={() => onChange([...rows, { url: '', fileName: '' }])}>
          + {t('ui.settings.template.add_attachment')}
        </button>
      ) : null}
    </fieldset>
  );
}

/** The text as a customer would see it, rendered by the server with sample values, and the files sent with it. */
function TemplatePreview({ body, attachments }: { body: string; attachments: AttachmentRow[] }) {
  const { t, me } = useApp();
  const [rendered, setRendered] = useState<RenderedTemplate | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!body.trim()) {
      setRendered(null);
      setFailed(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api
        .post<RenderedTemplate>('/templates/preview', { body, values: { 'contact.name': t('ui.settings.template.sample_name'), 'agent.name': me?.name ?? '' } })
        .then((r) => current && (setRendered(r), setFailed(null)))
        .catch((e: unknown) => current && setFailed(e instanceof ApiError ? [e.message, ...e.fieldErrors.map((f) => f.message)].join(' ') : String(e)));
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body, me?.name, t]);
  const files = attachments.filter((a) => a.url.trim());
  return (
    <>
      {failed ? (
        <p className="notice notice--warn">{failed}</p>
      ) : (
        <div className="settings__preview" data-testid="template-preview" aria-live="polite">
          {rendered ? rendered.text : <span className="muted">{t('ui.settings.template.preview_empty')}</span>}
          {rendered?.missing.length ? <small className="muted">{t('ui.settings.template.missing', { names: rendered.missing.join(', ') })}</small> : null}
        </div>
      )}
      {files.length ? (
        <ul className="settings__preview-files" data-testid="template-preview-files" aria-label={t('ui.settings.template.attachments')}>
          {files.map((file, i) => (
            <li key={i}>
              📎{' '}
              <a href={file.url.trim()} target="_blank" rel="noreferrer noopener">
                {attachmentLabel(file)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, request } from '../api/client.js';
import type { Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { DOCUMENT_KINDS, DOCUMENT_LOCALES, fetchPdf, REQUISITE_FIELDS, type DocumentKind, type DocumentLocale, type DocumentTemplate, type SellerRequisites, type TemplateVariables } from '../documents/documents-api.js';
import { Spinner } from '../ui/bits.js';
import { BackLink, CheckField, FormActions, FormNotice, SectionHead, SelectField, SettingsLink, TextField, useAction, useLoaded, useSave } from './form-bits.js';
import type { SectionProps } from './sections.js';

const SECTION = 'documents';
const TEMPLATE_FIELDS = ['kind', 'name', 'locale', 'html', 'isDefault'];

/** Document templates (invoice, quote, contract) with a PDF preview, and the seller's requisites. */
export function DocumentsSettings({ id }: SectionProps) {
  const { t, navigate } = useApp();
  const list = () => navigate({ page: 'settings', section: SECTION, id: null });
  if (id) return <TemplateScreen key={id} templateId={id === 'new' ? null : id} onDone={list} />;
  return (
    <div className="settings__page">
      <SectionHead title={t('ui.settings.section.documents')}>
        <button type="button" className="btn btn--primary btn--small" onClick={() => navigate({ page: 'settings', section: SECTION, id: 'new' })}>
          + {t('ui.settings.doc.new')}
        </button>
      </SectionHead>
      <p className="muted settings__lead">{t('ui.settings.doc.lead')}</p>
      <TemplateList />
      <SellerForm />
    </div>
  );
}

function TemplateList() {
  const { t } = useApp();
  const { data, error } = useLoaded(() => api.get<Page<DocumentTemplate>>('/document-templates', { limit: 100 }), []);
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!data) return <Spinner label={t('ui.loading')} />;
  if (!data.items.length) return <p className="muted">{t('ui.settings.doc.empty')}</p>;
  const sorted = [...data.items].sort((a, b) => a.kind.localeCompare(b.kind) || a.locale.localeCompare(b.locale) || a.name.localeCompare(b.name));
  return (
    <ul className="list documents-settings__list" aria-label={t('ui.settings.doc.templates')}>
      {sorted.map((x) => (
        <li key={x.id}>
          <SettingsLink section={SECTION} id={x.id}>
            <span className="row__main">
              <span className="row__title">{x.name}</span>
              <span className="muted row__sub">
                {t(`ui.settings.doc.kind.${x.kind}`)} · {t(`ui.settings.doc.locale.${x.locale}`)}
              </span>
            </span>
            {x.isDefault ? <span className="chip">{t('ui.settings.doc.default')}</span> : null}
          </SettingsLink>
        </li>
      ))}
    </ul>
  );
}

function TemplateScreen({ templateId, onDone }: { templateId: string | null; onDone(): void }) {
  const { t } = useApp();
  const { data, error } = useLoaded(() => (templateId ? api.get<DocumentTemplate>(`/document-templates/${templateId}`) : Promise.resolve(null)), [templateId]);
  if (error) return <p className="notice notice--error">{error}</p>;
  if (templateId && !data) return <Spinner label={t('ui.loading')} />;
  return (
    <div className="settings__page">
      <BackLink label={t('ui.settings.section.documents')} onClick={onDone} />
      <SectionHead title={data?.name ?? t('ui.settings.doc.new')} />
      <TemplateEditor template={data} onDone={onDone} />
    </div>
  );
}

function TemplateEditor({ template, onDone }: { template: DocumentTemplate | null; onDone(): void }) {
  const { t, session, locale: uiLocale, notify } = useApp();
  const [kind, setKind] = useState<DocumentKind>(template?.kind ?? 'invoice');
  const [locale, setLocale] = useState<DocumentLocale>(template?.locale ?? (uiLocale === 'en' ? 'en' : 'ru'));
  const [name, setName] = useState(template?.name ?? '');
  const [html, setHtml] = useState(template?.html ?? '');
  const [isDefault, setIsDefault] = useState(template?.isDefault ?? false);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const variables = useLoaded(() => api.get<TemplateVariables>('/document-templates/variables'), []);
  const htmlBox = useRef<HTMLDivElement>(null);
  const { errors, save, busy, clear } = useSave(TEMPLATE_FIELDS);
  const act = useAction();

  useEffect(() => {
    if (!previewUrl) return undefined;
    return () => URL.revokeObjectURL(previewUrl);
  }, [previewUrl]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { kind, locale, name, html, isDefault };
    void save(() => (template ? api.patch(`/document-templates/${template.id}`, body) : api.post('/document-templates', body)), onDone);
  };
  const remove = async () => {
    if (template && window.confirm(t('ui.settings.doc.delete_confirm', { name: template.name })) && (await act(() => api.del(`/document-templates/${template.id}`), t('ui.settings.deleted')))) onDone();
  };
  const preview = async () => {
    clear();
    try {
      const { blob } = await fetchPdf('/document-templates/preview', { token: session?.token ?? null, locale: uiLocale }, { kind, locale, html });
      setPreviewUrl(URL.createObjectURL(blob));
    } catch (error) {
      notify(error instanceof Error ? error.message : t('ui.error.generic'), 'error');
    }
  };
  const insert = (token: string) => {
    const area = htmlBox.current?.querySelector('textarea');
    const at = area?.selectionStart ?? html.length;
    setHtml(html.slice(0, at) + token + html.slice(area?.selectionEnd ?? at));
  };

  return (
    <form className="form card settings__card documents-settings__editor" onSubmit={submit} noValidate>
      <FormNotice message={errors.form} />
      <div className="form__row">
        <TextField label={t('ui.settings.doc.name')} value={name} onChange={setName} error={errors.fields.name} />
        <SelectField label={t('ui.settings.doc.kind')} value={kind} onChange={setKind} error={errors.fields.kind} options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`ui.settings.doc.kind.${k}`) }))} />
        <SelectField label={t('ui.settings.doc.locale')} value={locale} onChange={setLocale} error={errors.fields.locale} options={DOCUMENT_LOCALES.map((l) => ({ value: l, label: t(`ui.settings.doc.locale.${l}`) }))} />
      </div>
      <CheckField label={t('ui.settings.doc.is_default')} checked={isDefault} onChange={setIsDefault} />
      <div ref={htmlBox}>
        <TextField label={t('ui.settings.doc.html')} value={html} onChange={setHtml} error={errors.fields.html} hint={t('ui.settings.doc.html_hint')} multiline rows={16} />
      </div>
      <VariableChips label={t('ui.settings.doc.variables')} names={variables.data?.variables ?? []} onPick={insert} />
      <VariableChips label={t('ui.settings.doc.item_variables')} names={['#items', ...(variables.data?.itemVariables ?? []), '/items']} onPick={insert} />
      {previewUrl ? <iframe className="documents-settings__preview" title={t('ui.settings.doc.preview_title')} src={previewUrl} /> : null}
      <FormActions busy={busy} label={template ? t('ui.action.save') : t('ui.action.create')} onDelete={template ? () => void remove() : undefined}>
        <button type="button" className="btn" onClick={() => void preview()} disabled={!html.trim()}>
          {t('ui.settings.doc.preview')}
        </button>
      </FormActions>
    </form>
  );
}

function VariableChips({ label, names, onPick }: { label: string; names: string[]; onPick(token: string): void }) {
  return (
    <div className="settings__variables" aria-label={label}>
      <span className="muted">{label}:</span>
      {names.map((name) => (
        <button key={name} type="button" className="chip settings__variable" onClick={() => onPick(`{{${name}}}`)}>
          {`{{${name}}}`}
        </button>
      ))}
    </div>
  );
}

function SellerForm() {
  const { t } = useApp();
  const loaded = useLoaded(() => api.get<SellerRequisites>('/document-settings'), []);
  const [draft, setDraft] = useState<SellerRequisites | null>(null);
  const { errors, save, busy } = useSave(REQUISITE_FIELDS);
  useEffect(() => setDraft(loaded.data), [loaded.data]);
  if (loaded.error) return <p className="notice notice--error">{loaded.error}</p>;
  if (!draft) return <Spinner label={t('ui.loading')} />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(() => request<SellerRequisites>('PUT', '/document-settings', draft), setDraft);
  };
  return (
    <form className="form card settings__card documents-settings__seller" onSubmit={submit} noValidate aria-label={t('ui.settings.doc.seller')}>
      <h2 className="card__label">{t('ui.settings.doc.seller')}</h2>
      <p className="muted">{t('ui.settings.doc.seller_lead')}</p>
      <FormNotice message={errors.form} />
      <div className="documents-settings__grid">
        {REQUISITE_FIELDS.map((field) => (
          <TextField key={field} label={t(`ui.settings.doc.seller.${field}`)} value={draft[field]} onChange={(value) => setDraft({ ...draft, [field]: value })} error={errors.fields[field]} />
        ))}
      </div>
      <FormActions busy={busy} label={t('ui.action.save')} />
    </form>
  );
}

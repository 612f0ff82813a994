import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useApp } from '../app-context.js';
import { ConfirmDialog } from '../bots/confirm-dialog.js';
import { FieldError, Spinner } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import { draftOf, emptyDraft, isDirty, NEW_ARTICLE, payloadOf, type ArticleDraft } from './article-draft.js';
import type { KbArticle, KbCategory, KbPreviewResponse } from './types.js';

interface Props {
  /** An article id, or NEW_ARTICLE. */
  articleId: string;
  categories: KbCategory[];
  /** The section a new article starts in. */
  categoryId: string | null;
  canEdit: boolean;
  onSaved(article: KbArticle): void;
  onDeleted(): void;
}

const FIELDS = ['title', 'slug', 'categoryId', 'locale', 'status', 'summary', 'body'] as const;

/** Writes and publishes an article: Markdown with a preview exactly as the help center shows it. */
export function ArticleEditor({ articleId, categories, categoryId, canEdit, onSaved, onDeleted }: Props) {
  const { t, locale, notify } = useApp();
  const creating = articleId === NEW_ARTICLE;
  const [article, setArticle] = useState<KbArticle | null>(null);
  const [saved, setSaved] = useState<ArticleDraft | null>(creating ? emptyDraft(categoryId, locale) : null);
  const [draft, setDraft] = useState<ArticleDraft | null>(saved);
  const [previewing, setPreviewing] = useState(!canEdit);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const { errors, fail, clear } = useFormErrors(FIELDS);

  useEffect(() => {
    if (creating) return;
    let stale = false;
    api
      .get<KbArticle>(`/knowledge/articles/${articleId}`)
      .then((a) => {
        if (stale) return;
        setArticle(a);
        setSaved(draftOf(a));
        setDraft(draftOf(a));
      })
      .catch((error: Error) => !stale && notify(error.message, 'error'));
    return () => {
      stale = true;
    };
  }, [articleId, creating]);

  if (!draft || !saved) return <Spinner label={t('ui.loading')} />;
  const set = <K extends keyof ArticleDraft>(key: K, value: ArticleDraft[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    clear();
    setSaving(true);
    try {
      const result = creating ? await api.post<KbArticle>('/knowledge/articles', payloadOf(draft)) : await api.patch<KbArticle>(`/knowledge/articles/${articleId}`, payloadOf(draft));
      setArticle(result);
      setSaved(draftOf(result));
      setDraft(draftOf(result));
      notify(t('ui.kb.saved'));
      onSaved(result);
    } catch (error) {
      fail(error);
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    try {
      await api.del(`/knowledge/articles/${articleId}`);
      notify(t('ui.kb.deleted'));
      onDeleted();
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  }

  return (
    <form className="form knowledge__editor" onSubmit={submit} noValidate aria-label={creating ? t('ui.kb.article_new') : draft.title}>
      {!canEdit ? <p className="notice notice--warn">{t('ui.kb.read_only')}</p> : null}
      {errors.form ? <p className="notice notice--error">{errors.form}</p> : null}
      <label className="field">
        <span>{t('ui.kb.title')}</span>
        <input className="input" value={draft.title} readOnly={!canEdit} onChange={(e) => set('title', e.target.value)} aria-invalid={Boolean(errors.fields.title)} autoFocus={creating} />
        <FieldError message={errors.fields.title} />
      </label>
      <div className="form__row">
        <label className="field">
          <span>{t('ui.kb.category')}</span>
          <select className="input" value={draft.categoryId} disabled={!canEdit} onChange={(e) => set('categoryId', e.target.value)}>
            <option value="">{t('ui.kb.no_category')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError message={errors.fields.categoryId} />
        </label>
        <label className="field">
          <span>{t('ui.kb.language')}</span>
          <select className="input" value={draft.locale} disabled={!canEdit} onChange={(e) => set('locale', e.target.value as ArticleDraft['locale'])}>
            <option value="ru">{t('ui.kb.lang.ru')}</option>
            <option value="en">{t('ui.kb.lang.en')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('ui.kb.status')}</span>
          <select className="input" value={draft.status} disabled={!canEdit} onChange={(e) => set('status', e.target.value as ArticleDraft['status'])}>
            <option value="draft">{t('ui.kb.status.draft')}</option>
            <option value="published">{t('ui.kb.status.published')}</option>
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('ui.kb.slug')}</span>
        <input className="input" value={draft.slug} readOnly={!canEdit} placeholder={t('ui.kb.slug_hint')} onChange={(e) => set('slug', e.target.value)} aria-invalid={Boolean(errors.fields.slug)} />
        <FieldError message={errors.fields.slug} />
      </label>
      <label className="field">
        <span>{t('ui.kb.summary')}</span>
        <textarea className="input" rows={2} value={draft.summary} readOnly={!canEdit} onChange={(e) => set('summary', e.target.value)} aria-invalid={Boolean(errors.fields.summary)} />
        <FieldError message={errors.fields.summary} />
      </label>
      <div className="field">
        <span>{t('ui.kb.body')}</span>
        {canEdit ? (
          <div className="tabs knowledge__tabs" role="tablist">
            <button type="button" role="tab" className={previewing ? 'tab' : 'tab is-active'} aria-selected={!previewing} onClick={() => setPreviewing(false)}>
              {t('ui.kb.write')}
            </button>
            <button type="button" role="tab" className={previewing ? 'tab is-active' : 'tab'} aria-selected={previewing} onClick={() => setPreviewing(true)}>
              {t('ui.kb.preview')}
            </button>
          </div>
        ) : null}
        {previewing ? (
          <MarkdownPreview body={draft.body} />
        ) : (
          <>
            <textarea className="input knowledge__body" rows={16} value={draft.body} onChange={(e) => set('body', e.target.value)} aria-label={t('ui.kb.body')} aria-invalid={Boolean(errors.fields.body)} />
            <span className="muted knowledge__hint">{t('ui.kb.body_hint')}</span>
          </>
        )}
        <FieldError message={errors.fields.body} />
      </div>
      <div className="form__actions knowledge__actions">
        {article?.publicUrl ? (
          <a className="btn btn--ghost" href={article.publicUrl} target="_blank" rel="noreferrer">
            {t('ui.kb.open_public')}
          </a>
        ) : null}
        {article ? <span className="muted">{t('ui.kb.views', { count: article.views })}</span> : null}
        <span className="knowledge__spacer" />
        {canEdit && !creating ? (
          <button type="button" className="btn bots-btn--danger" onClick={() => setDeleting(true)}>
            {t('ui.kb.delete')}
          </button>
        ) : null}
        {canEdit ? (
          <button type="submit" className="btn btn--primary" disabled={saving || (!creating && !isDirty(draft, saved))}>
            {t('ui.action.save')}
          </button>
        ) : null}
      </div>
      {deleting ? (
        <ConfirmDialog
          title={t('ui.kb.delete')}
          text={t('ui.kb.delete_confirm', { title: saved.title })}
          confirmLabel={t('ui.kb.delete')}
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(false)}
        />
      ) : null}
    </form>
  );
}

/** The server renders and sanitizes the Markdown, so the preview is exactly what customers will see. */
function MarkdownPreview({ body }: { body: string }) {
  const { t } = useApp();
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    api
      .post<KbPreviewResponse>('/knowledge/preview', { body })
      .then((r) => !stale && setHtml(r.html))
      .catch(() => !stale && setHtml(''));
    return () => {
      stale = true;
    };
  }, [body]);
  if (html === null) return <Spinner label={t('ui.loading')} />;
  if (!html) return <p className="muted knowledge__preview">{t('ui.kb.preview_empty')}</p>;
  // Sanitized by the server (an allow-list of tags, no attributes but safe links).
  return <div className="knowledge__preview" dangerouslySetInnerHTML={{ __html: html }} />;
}

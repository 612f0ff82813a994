import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useApp } from '../app-context.js';
import { ConfirmDialog } from '../bots/confirm-dialog.js';
import { FieldError } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import type { KbCategory, KbLocale } from './types.js';

interface Props {
  categories: KbCategory[];
  selected: string | null;
  canEdit: boolean;
  onSelect(categoryId: string | null): void;
  onChanged(): void;
}

/** The sections of the knowledge base; editors add and delete them here. */
export function CategorySidebar({ categories, selected, canEdit, onSelect, onChanged }: Props) {
  const { t, notify } = useApp();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<KbCategory | null>(null);
  const current = categories.find((c) => c.id === selected) ?? null;

  async function remove(category: KbCategory) {
    try {
      await api.del(`/knowledge/categories/${category.id}`);
      setDeleting(null);
      onSelect(null);
      onChanged();
    } catch (error) {
      notify(String((error as Error).message), 'error');
    }
  }

  return (
    <nav className="knowledge__sidebar" aria-label={t('ui.kb.categories')}>
      <header className="page-head knowledge__head">
        <h2>{t('ui.kb.categories')}</h2>
        {canEdit ? (
          <button type="button" className="btn btn--small" onClick={() => setAdding((v) => !v)} aria-expanded={adding}>
            + {t('ui.kb.category_new')}
          </button>
        ) : null}
      </header>
      {adding ? (
        <NewCategoryForm
          onCreated={(category) => {
            setAdding(false);
            onChanged();
            onSelect(category.id);
          }}
        />
      ) : null}
      <ul className="knowledge__categories">
        <li>
          <button type="button" className={selected === null ? 'knowledge__category is-active' : 'knowledge__category'} aria-current={selected === null} onClick={() => onSelect(null)}>
            {t('ui.kb.all')}
          </button>
        </li>
        {categories.map((c) => (
          <li key={c.id}>
            <button type="button" className={c.id === selected ? 'knowledge__category is-active' : 'knowledge__category'} aria-current={c.id === selected} onClick={() => onSelect(c.id)}>
              <span className="knowledge__category-name">{c.name}</span>
              {c.locale ? <span className="chip">{c.locale}</span> : null}
              <span className="muted">{c.articleCount}</span>
            </button>
          </li>
        ))}
      </ul>
      {canEdit && current ? (
        <button type="button" className="btn btn--ghost btn--small knowledge__category-delete" onClick={() => setDeleting(current)}>
          {t('ui.kb.category_delete')}
        </button>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('ui.kb.category_delete')}
          text={t('ui.kb.category_delete_confirm', { name: deleting.name })}
          confirmLabel={t('ui.kb.category_delete')}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </nav>
  );
}

function NewCategoryForm({ onCreated }: { onCreated(category: KbCategory): void }) {
  const { t } = useApp();
  const [name, setName] = useState('');
  const [locale, setLocale] = useState<KbLocale | ''>('');
  const { errors, fail, clear } = useFormErrors(['name', 'slug', 'locale']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      onCreated(await api.post<KbCategory>('/knowledge/categories', { name, locale: locale || null }));
    } catch (error) {
      fail(error);
    }
  }

  return (
    <form className="form card knowledge__category-form" onSubmit={submit} noValidate aria-label={t('ui.kb.category_new')}>
      {errors.form ? <p className="notice notice--error">{errors.form}</p> : null}
      <label className="field">
        <span>{t('ui.kb.category_name')}</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus aria-invalid={Boolean(errors.fields.name)} />
        <FieldError message={errors.fields.name ?? errors.fields.slug} />
      </label>
      <label className="field">
        <span>{t('ui.kb.language')}</span>
        <select className="input" value={locale} onChange={(e) => setLocale(e.target.value as KbLocale | '')}>
          <option value="">{t('ui.kb.category_any_language')}</option>
          <option value="ru">{t('ui.kb.lang.ru')}</option>
          <option value="en">{t('ui.kb.lang.en')}</option>
        </select>
      </label>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary btn--small">
          {t('ui.action.create')}
        </button>
      </div>
    </form>
  );
}

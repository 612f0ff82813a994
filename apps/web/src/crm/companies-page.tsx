import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import type { Company, Contact, Deal, Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { DealsCard } from './deals-card.js';
import { Avatar, FieldError, Spinner } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import { SearchableList } from './searchable-list.js';

const FIELDS = ['name', 'domain', 'phone', 'address'] as const;
type Draft = Record<(typeof FIELDS)[number], string>;

export function CompaniesPage({ companyId }: { companyId: string | null }) {
  const { t, navigate } = useApp();
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  return (
    <div className={companyId ? 'crm crm--detail' : 'crm'}>
      <section className="crm__list" aria-label={t('ui.nav.companies')}>
        <header className="page-head">
          <h1>{t('ui.nav.companies')}</h1>
          <button type="button" className="btn btn--small btn--primary" onClick={() => setCreating((v) => !v)} aria-expanded={creating}>
            + {t('ui.company.new')}
          </button>
        </header>
        {creating ? (
          <CompanyForm
            initial={{ name: '', domain: '', phone: '', address: '' }}
            submitLabel={t('ui.action.create')}
            onSubmit={(body) => api.post<Company>('/companies', body)}
            onDone={(c) => {
              setCreating(false);
              setVersion((v) => v + 1);
              navigate({ page: 'companies', companyId: c.id });
            }}
          />
        ) : null}
        <SearchableList<Company>
          path="/companies"
          version={version}
          searchLabel={t('ui.company.search')}
          emptyText={t('ui.company.empty')}
          itemKey={(c) => c.id}
          render={(c) => (
            <a
              href={`/companies/${c.id}`}
              className={c.id === companyId ? 'row is-selected' : 'row'}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'companies', companyId: c.id });
              }}
            >
              <Avatar name={c.name} size="sm" />
              <span className="row__main">
                <span className="row__title">{c.name}</span>
                <span className="muted row__sub">{[c.domain, c.phone].filter(Boolean).join(' · ') || '—'}</span>
              </span>
            </a>
          )}
        />
      </section>
      <section className="crm__detail">{companyId ? <CompanyDetail key={companyId} companyId={companyId} onSaved={() => setVersion((v) => v + 1)} /> : null}</section>
    </div>
  );
}

function toBody(draft: Draft) {
  return {
    name: draft.name,
    domain: draft.domain.trim() || null,
    phone: draft.phone.trim() || null,
    address: draft.address.trim() || null,
  };
}

interface FormProps {
  initial: Draft;
  submitLabel: string;
  onSubmit(body: ReturnType<typeof toBody>): Promise<Company>;
  onDone(c: Company): void;
  onCancel?(): void;
  /** Inside another card the form has no frame of its own. */
  bare?: boolean;
}

function CompanyForm({ initial, submitLabel, onSubmit, onDone, onCancel, bare }: FormProps) {
  const { t } = useApp();
  const [draft, setDraft] = useState(initial);
  const { errors, fail, clear } = useFormErrors(FIELDS);
  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      onDone(await onSubmit(toBody(draft)));
    } catch (error) {
      fail(error);
    }
  }
  const labels: Record<keyof Draft, 'ui.company.name' | 'ui.company.domain' | 'ui.company.phone' | 'ui.company.address'> = {
    name: 'ui.company.name',
    domain: 'ui.company.domain',
    phone: 'ui.company.phone',
    address: 'ui.company.address',
  };
  return (
    <form className={bare ? 'form' : 'form card'} onSubmit={submit} noValidate>
      {errors.form ? <p className="notice notice--error">{errors.form}</p> : null}
      {FIELDS.map((field) => (
        <label key={field} className="field">
          <span>{t(labels[field])}</span>
          <input className="input" value={draft[field]} aria-invalid={Boolean(errors.fields[field])} onChange={(e) => setDraft({ ...draft, [field]: e.target.value })} />
          <FieldError message={errors.fields[field]} />
        </label>
      ))}
      <div className="form__actions">
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            {t('ui.action.cancel')}
          </button>
        ) : null}
        <button type="submit" className="btn btn--primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function CompanyDetail({ companyId, onSaved }: { companyId: string; onSaved(): void }) {
  const { t, navigate } = useApp();
  const [company, setCompany] = useState<Company | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [deals, setDeals] = useState<Deal[]>([]);

  const load = useCallback(() => {
    api
      .get<Company>(`/companies/${companyId}`)
      .then(setCompany)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
    api
      .get<Page<Contact>>('/contacts', { companyId, limit: 50 })
      .then((p) => setContacts(p.items))
      .catch(() => setContacts([]));
    api
      .get<Page<Deal>>('/deals', { companyId, limit: 50 })
      .then((p) => setDeals(p.items))
      .catch(() => setDeals([]));
  }, [companyId]);
  useEffect(load, [load]);

  if (error) return <p className="notice notice--error">{error}</p>;
  if (!company) return <Spinner label={t('ui.loading')} />;

  return (
    <div className="detail">
      <button type="button" className="btn btn--ghost detail__back" onClick={() => navigate({ page: 'companies', companyId: null })}>
        ← {t('ui.nav.companies')}
      </button>
      <section className="card">
        <header className="card__head">
          <Avatar name={company.name} size="lg" />
          <div className="card__title">
            <h3>{company.name}</h3>
            <p className="muted">{t('ui.company.contacts_count', { n: company.contactsCount ?? contacts.length })}</p>
          </div>
          {!editing ? (
            <button type="button" className="btn btn--small" onClick={() => setEditing(true)}>
              {t('ui.action.edit')}
            </button>
          ) : null}
        </header>
        {editing ? (
          <CompanyForm
            bare
            initial={{ name: company.name, domain: company.domain ?? '', phone: company.phone ?? '', address: company.address ?? '' }}
            submitLabel={t('ui.action.save')}
            onSubmit={(body) => api.patch<Company>(`/companies/${companyId}`, body)}
            onDone={(c) => {
              setCompany((old) => ({ ...old, ...c }));
              setEditing(false);
              onSaved();
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <dl className="props">
            <dt>{t('ui.company.domain')}</dt>
            <dd>{company.domain ?? '—'}</dd>
            <dt>{t('ui.company.phone')}</dt>
            <dd>{company.phone ?? '—'}</dd>
            <dt>{t('ui.company.address')}</dt>
            <dd>{company.address ?? '—'}</dd>
          </dl>
        )}
      </section>
      <section className="card">
        <h3 className="card__label">{t('ui.nav.contacts')}</h3>
        {contacts.length === 0 ? (
          <p className="muted">{t('ui.contact.empty')}</p>
        ) : (
          <ul className="mini-list">
            {contacts.map((c) => (
              <li key={c.id}>
                <a
                  href={`/contacts/${c.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate({ page: 'contacts', contactId: c.id });
                  }}
                >
                  <Avatar name={c.name} size="sm" />
                  <span className="mini-list__main">
                    <span className="mini-list__title">{c.name}</span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <DealsCard deals={deals} />
    </div>
  );
}

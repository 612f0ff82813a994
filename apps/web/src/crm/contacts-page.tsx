import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Contact, Deal, Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { DealsCard } from './deals-card.js';
import { splitList } from '../format.js';
import { PreviousConversations } from '../inbox/side-panel.js';
import { Avatar, FieldError } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import { ActivityList } from './activity-list.js';
import { ContactCard } from './contact-card.js';
import { SearchableList } from './searchable-list.js';

export function ContactsPage({ contactId }: { contactId: string | null }) {
  const { t, navigate } = useApp();
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  return (
    <div className={contactId ? 'crm crm--detail' : 'crm'}>
      <section className="crm__list" aria-label={t('ui.nav.contacts')}>
        <header className="page-head">
          <h1>{t('ui.nav.contacts')}</h1>
          <button type="button" className="btn btn--small btn--primary" onClick={() => setCreating((v) => !v)} aria-expanded={creating}>
            + {t('ui.contact.new')}
          </button>
        </header>
        {creating ? (
          <NewContactForm
            onCreated={(c) => {
              setCreating(false);
              setVersion((v) => v + 1);
              navigate({ page: 'contacts', contactId: c.id });
            }}
          />
        ) : null}
        <SearchableList<Contact>
          path="/contacts"
          version={version}
          searchLabel={t('ui.contact.search')}
          emptyText={t('ui.contact.empty')}
          itemKey={(c) => c.id}
          render={(c) => (
            <a
              href={`/contacts/${c.id}`}
              className={c.id === contactId ? 'row is-selected' : 'row'}
              onClick={(e) => {
                e.preventDefault();
                navigate({ page: 'contacts', contactId: c.id });
              }}
            >
              <Avatar name={c.name} size="sm" />
              <span className="row__main">
                <span className="row__title">{c.name}</span>
                <span className="muted row__sub">{[...c.phones, ...c.emails].join(' · ') || '—'}</span>
              </span>
              {c.tags.slice(0, 2).map((tag) => (
                <span key={tag} className="chip chip--label">
                  {tag}
                </span>
              ))}
            </a>
          )}
        />
      </section>
      <section className="crm__detail">{contactId ? <ContactDetail key={contactId} contactId={contactId} onMerged={() => setVersion((v) => v + 1)} /> : null}</section>
    </div>
  );
}

function NewContactForm({ onCreated }: { onCreated(c: Contact): void }) {
  const { t } = useApp();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const { errors, fail, clear } = useFormErrors(['name', 'phones', 'emails']);
  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      onCreated(await api.post<Contact>('/contacts', { name, phones: splitList(phone), emails: splitList(email) }));
    } catch (error) {
      fail(error);
    }
  }
  return (
    <form className="form card" onSubmit={submit} noValidate aria-label={t('ui.contact.new')}>
      {errors.form ? <p className="notice notice--error">{errors.form}</p> : null}
      <label className="field">
        <span>{t('ui.contact.name')}</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <FieldError message={errors.fields.name} />
      </label>
      <label className="field">
        <span>{t('ui.contact.phones')}</span>
        <input className="input" value={phone} onChange={(e) => setPhone(e.target.value)} />
        <FieldError message={errors.fields.phones} />
      </label>
      <label className="field">
        <span>{t('ui.contact.emails')}</span>
        <input className="input" value={email} onChange={(e) => setEmail(e.target.value)} />
        <FieldError message={errors.fields.emails} />
      </label>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary">
          {t('ui.action.create')}
        </button>
      </div>
    </form>
  );
}

function ContactDetail({ contactId, onMerged }: { contactId: string; onMerged(): void }) {
  const { t, navigate } = useApp();
  const [deals, setDeals] = useState<Deal[]>([]);
  const [cardVersion, setCardVersion] = useState(0);
  useEffect(() => {
    api
      .get<Page<Deal>>('/deals', { contactId, limit: 50 })
      .then((page) => setDeals(page.items))
      .catch(() => setDeals([]));
  }, [contactId, cardVersion]);
  return (
    <div className="detail">
      <button type="button" className="btn btn--ghost detail__back" onClick={() => navigate({ page: 'contacts', contactId: null })}>
        ← {t('ui.nav.contacts')}
      </button>
      <ContactCard key={cardVersion} contactId={contactId} />
      <section className="card">
        <h3 className="card__label">{t('ui.panel.conversations')}</h3>
        <PreviousConversations key={cardVersion} contactId={contactId} />
      </section>
      <DealsCard deals={deals} />
      <section className="card">
        <h3 className="card__label">{t('ui.panel.activities')}</h3>
        <ActivityList filter={{ contactId }} attach={{ contactId }} />
      </section>
      <MergeContact
        contactId={contactId}
        onMerged={() => {
          setCardVersion((v) => v + 1);
          onMerged();
        }}
      />
    </div>
  );
}

/** Merging a duplicate into this contact: identities, conversations, deals and activities move here. */
function MergeContact({ contactId, onMerged }: { contactId: string; onMerged(): void }) {
  const { t, notify } = useApp();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Contact[]>([]);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open || q.trim().length < 2) return setFound([]);
    const timer = setTimeout(() => {
      api
        .get<Page<Contact>>('/contacts', { q: q.trim(), limit: 8 })
        .then((page) => setFound(page.items.filter((c) => c.id !== contactId)))
        .catch(() => setFound([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [q, open, contactId]);

  async function merge(other: Contact) {
    if (!window.confirm(t('ui.merge.confirm', { name: other.name }))) return;
    try {
      await api.post(`/contacts/${contactId}/merge`, { otherId: other.id });
      notify(t('ui.merge.done', { name: other.name }));
      setOpen(false);
      setQ('');
      onMerged();
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), 'error');
    }
  }

  return (
    <section className="card">
      <h3 className="card__label">{t('ui.merge.title')}</h3>
      {!open ? (
        <button type="button" className="btn btn--small" onClick={() => setOpen(true)}>
          {t('ui.merge.start')}
        </button>
      ) : (
        <>
          <input className="input" type="search" autoFocus placeholder={t('ui.merge.search')} aria-label={t('ui.merge.search')} value={q} onChange={(e) => setQ(e.target.value)} />
          <ul className="mini-list">
            {found.map((c) => (
              <li key={c.id}>
                <button type="button" className="mini-list__button" onClick={() => void merge(c)}>
                  <Avatar name={c.name} size="sm" />
                  <span className="mini-list__main">
                    <span className="mini-list__title">{c.name}</span>
                    <span className="muted mini-list__sub">{[...c.phones, ...c.emails].join(' · ')}</span>
                  </span>
                  <span className="btn btn--small">{t('ui.merge.action')}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import type { Contact } from '../api/types.js';
import { useApp } from '../app-context.js';
import { formatDateTime, splitList } from '../format.js';
import { Avatar, ChannelIcon, FieldError, Spinner } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';
import { useWorkspace } from '../workspace.js';

const FIELDS = ['name', 'phones', 'emails', 'tags', 'timeZone', 'birthday'] as const;

/** The zones the browser knows, offered while typing; the server checks the value. */
const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

interface Props {
  contactId: string;
  onSaved?(contact: Contact): void;
  /** A heading link to the contact's own page. */
  linkToPage?: boolean;
}

export function ContactCard({ contactId, onSaved, linkToPage }: Props) {
  const { t, navigate, locale, notify } = useApp();
  const { inboxById } = useWorkspace();
  const [contact, setContact] = useState<Contact | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ name: '', phones: '', emails: '', tags: '', timeZone: '', birthday: '' });
  const [consentBusy, setConsentBusy] = useState(false);
  const [saving, setSaving] = useState(false);
  const { errors, fail, clear } = useFormErrors(FIELDS);

  const load = useCallback(() => {
    api
      .get<Contact>(`/contacts/${contactId}`)
      .then((c) => {
        setContact(c);
        setLoadError(null);
      })
      .catch((e) => setLoadError(e instanceof ApiError ? e.message : String(e)));
  }, [contactId]);
  useEffect(load, [load]);

  const startEdit = () => {
    if (!contact) return;
    setDraft({ name: contact.name, phones: contact.phones.join('\n'), emails: contact.emails.join('\n'), tags: contact.tags.join(', '), timeZone: contact.timeZone ?? '', birthday: contact.birthday ?? '' });
    clear();
    setEditing(true);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    clear();
    try {
      const saved = await api.patch<Contact>(`/contacts/${contactId}`, {
        name: draft.name,
        phones: splitList(draft.phones),
        emails: splitList(draft.emails),
        tags: splitList(draft.tags),
        timeZone: draft.timeZone.trim() || null,
        birthday: draft.birthday || null,
      });
      setContact((c) => ({ ...c, ...saved }));
      setEditing(false);
      onSaved?.(saved);
    } catch (error) {
      fail(error);
    } finally {
      setSaving(false);
    }
  }

  async function changeConsent(optedOut: boolean) {
    setConsentBusy(true);
    try {
      const saved = await api.post<Contact>(`/contacts/${contactId}/consent`, { optedOut });
      setContact((c) => ({ ...c, ...saved }));
      notify(t(optedOut ? 'ui.contact.consent.opted_out_toast' : 'ui.contact.consent.opted_in_toast', { name: saved.name }));
    } catch (error) {
      notify(error instanceof ApiError ? error.message : String(error), 'error');
    } finally {
      setConsentBusy(false);
    }
  }

  if (loadError) return <p className="notice notice--error">{loadError}</p>;
  if (!contact) return <Spinner label={t('ui.loading')} />;

  const heading = linkToPage ? (
    <a
      href={`/contacts/${contact.id}`}
      onClick={(e) => {
        e.preventDefault();
        navigate({ page: 'contacts', contactId: contact.id });
      }}
    >
      {contact.name}
    </a>
  ) : (
    contact.name
  );

  return (
    <section className="card contact-card" aria-label={t('ui.contact.card')}>
      <header className="card__head">
        <Avatar name={contact.name} size="lg" />
        <div className="card__title">
          <h3>{heading}</h3>
          {contact.company ? <p className="muted">{contact.company.name}</p> : null}
          {contact.blocked ? <span className="chip chip--danger">{t('ui.contact.blocked')}</span> : null}
          {contact.optedOutAt ? (
            <span className="chip chip--warning contact-card__consent-badge" title={t(`ui.contact.consent.source.${contact.optOutSource ?? 'agent'}`)}>
              {t('ui.contact.consent.badge')}
            </span>
          ) : null}
        </div>
        {!editing ? (
          <button type="button" className="btn btn--small" onClick={startEdit}>
            {t('ui.action.edit')}
          </button>
        ) : null}
      </header>
      {editing ? (
        <form className="form" onSubmit={save} noValidate>
          {errors.form ? (
            <p className="notice notice--error" role="alert">
              {errors.form}
            </p>
          ) : null}
          <label className="field">
            <span>{t('ui.contact.name')}</span>
            <input className="input" value={draft.name} aria-invalid={Boolean(errors.fields.name)} aria-describedby="contact-name-error" onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
            <FieldError id="contact-name-error" message={errors.fields.name} />
          </label>
          <label className="field">
            <span>{t('ui.contact.phones')}</span>
            <textarea className="input" rows={2} value={draft.phones} aria-invalid={Boolean(errors.fields.phones)} aria-describedby="contact-phones-error" onChange={(e) => setDraft({ ...draft, phones: e.target.value })} />
            <FieldError id="contact-phones-error" message={errors.fields.phones} />
          </label>
          <label className="field">
            <span>{t('ui.contact.emails')}</span>
            <textarea className="input" rows={2} value={draft.emails} aria-invalid={Boolean(errors.fields.emails)} aria-describedby="contact-emails-error" onChange={(e) => setDraft({ ...draft, emails: e.target.value })} />
            <FieldError id="contact-emails-error" message={errors.fields.emails} />
          </label>
          <label className="field">
            <span>{t('ui.contact.tags')}</span>
            <input className="input" value={draft.tags} aria-invalid={Boolean(errors.fields.tags)} aria-describedby="contact-tags-error" onChange={(e) => setDraft({ ...draft, tags: e.target.value })} />
            <FieldError id="contact-tags-error" message={errors.fields.tags} />
          </label>
          <div className="form__row">
            <label className="field">
              <span>{t('ui.contact.time_zone')}</span>
              <input
                className="input"
                list="contact-time-zones"
                placeholder="Europe/Moscow"
                value={draft.timeZone}
                aria-invalid={Boolean(errors.fields.timeZone)}
                aria-describedby="contact-time-zone-error"
                onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })}
              />
              <datalist id="contact-time-zones">
                {TIME_ZONES.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
              <FieldError id="contact-time-zone-error" message={errors.fields.timeZone} />
            </label>
            <label className="field">
              <span>{t('ui.contact.birthday')}</span>
              <input
                className="input"
                type="date"
                value={draft.birthday}
                aria-invalid={Boolean(errors.fields.birthday)}
                aria-describedby="contact-birthday-error"
                onChange={(e) => setDraft({ ...draft, birthday: e.target.value })}
              />
              <FieldError id="contact-birthday-error" message={errors.fields.birthday} />
            </label>
          </div>
          <div className="form__actions">
            <button type="button" className="btn" onClick={() => setEditing(false)}>
              {t('ui.action.cancel')}
            </button>
            <button type="submit" className="btn btn--primary" disabled={saving}>
              {t('ui.action.save')}
            </button>
          </div>
        </form>
      ) : (
        <dl className="props">
          <dt>{t('ui.contact.phones')}</dt>
          <dd>{contact.phones.length ? contact.phones.map((p) => <div key={p}>{p}</div>) : <span className="muted">—</span>}</dd>
          <dt>{t('ui.contact.emails')}</dt>
          <dd>{contact.emails.length ? contact.emails.map((m) => <div key={m}>{m}</div>) : <span className="muted">—</span>}</dd>
          <dt>{t('ui.contact.tags')}</dt>
          <dd>
            {contact.tags.length ? (
              contact.tags.map((tag) => (
                <span key={tag} className="chip chip--label">
                  {tag}
                </span>
              ))
            ) : (
              <span className="muted">—</span>
            )}
          </dd>
          <dt>{t('ui.contact.time_zone')}</dt>
          <dd>{contact.timeZone ?? <span className="muted">—</span>}</dd>
          <dt>{t('ui.contact.birthday')}</dt>
          <dd>{contact.birthday ? formatBirthday(contact.birthday, locale) : <span className="muted">—</span>}</dd>
          <dt>{t('ui.contact.consent.title')}</dt>
          <dd className="contact-card__consent">
            <span data-testid="contact-consent">
              {contact.optedOutAt
                ? t('ui.contact.consent.opted_out', { date: formatDateTime(contact.optedOutAt, locale), source: t(`ui.contact.consent.source.${contact.optOutSource ?? 'agent'}`) })
                : t('ui.contact.consent.subscribed')}
            </span>
            <button type="button" className="btn btn--small btn--ghost" disabled={consentBusy} onClick={() => void changeConsent(!contact.optedOutAt)}>
              {contact.optedOutAt ? t('ui.contact.consent.opt_in') : t('ui.contact.consent.opt_out')}
            </button>
          </dd>
          <dt>{t('ui.contact.identities')}</dt>
          <dd>
            {contact.identities?.length ? (
              <ul className="identities">
                {contact.identities.map((identity) => {
                  const inbox = inboxById(identity.inboxId);
                  return (
                    <li key={identity.id}>
                      <ChannelIcon type={inbox?.type} title={inbox?.name} />
                      <span>{inbox?.name ?? t('ui.contact.channel')}</span>
                      <span className="muted">{identity.username ? `@${identity.username}` : (identity.displayName ?? identity.externalId)}</span>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <span className="muted">—</span>
            )}
          </dd>
        </dl>
      )}
    </section>
  );
}

/** A birthday as a date of the calendar, never shifted by the browser's zone. */
function formatBirthday(date: string, locale: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Inbox } from '../api/types.js';
import { useApp } from '../app-context.js';
import { SearchableList } from '../crm/searchable-list.js';
import { formatDateTime } from '../format.js';
import { blacklistQuery, GLOBAL_SCOPE, keepBlacklistEntry, NO_FILTERS, type BlacklistFilters } from './blacklist-filters.js';
import { FloodSettingsForm } from './flood-settings-form.js';
import { FormActions, FormNotice, SectionHead, SelectField, TextField, useAction, useLoaded, useSave } from './form-bits.js';
import { allItems, BLACKLIST_KINDS, type BlacklistEntry, type BlacklistKind } from './settings-api.js';

const FIELDS = ['kind', 'value', 'inboxId', 'reason', 'expiresAt'];

/** Senders whose messages are stored hidden: add, search, filter and remove entries; and flood protection. */
export function BlacklistSettings() {
  const { t, locale } = useApp();
  const [version, setVersion] = useState(0);
  const [adding, setAdding] = useState(false);
  const [filters, setFilters] = useState<BlacklistFilters>(NO_FILTERS);
  const act = useAction();
  const inboxes = useLoaded(() => allItems<Inbox>('/inboxes'), []);
  const inboxName = (id: string | null) => (id ? (inboxes.data?.find((i) => i.id === id)?.name ?? '—') : t('ui.settings.all_inboxes'));
  const remove = async (entry: BlacklistEntry) => {
    if (await act(() => api.del(`/blacklist/${entry.id}`), t('ui.settings.blacklist.removed'))) setVersion((v) => v + 1);
  };
  return (
    <div className="settings__page">
      <SectionHead title={t('ui.settings.section.blacklist')}>
        <button type="button" className="btn btn--primary btn--small" aria-expanded={adding} onClick={() => setAdding((v) => !v)}>
          + {t('ui.settings.blacklist.new')}
        </button>
      </SectionHead>
      <p className="muted settings__lead">{t('ui.settings.blacklist.lead')}</p>
      {adding ? (
        <AddEntry
          inboxes={inboxes.data ?? []}
          onAdded={() => {
            setAdding(false);
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
      <FloodSettingsForm />
      <SearchableList<BlacklistEntry>
        path="/blacklist"
        version={version}
        query={blacklistQuery(filters)}
        keep={keepBlacklistEntry(filters)}
        toolbar={<EntryFilters filters={filters} inboxes={inboxes.data ?? []} onChange={setFilters} />}
        searchLabel={t('ui.settings.blacklist.search')}
        emptyText={t('ui.settings.blacklist.empty')}
        itemKey={(e) => e.id}
        render={(entry) => (
          <div className="row settings__row" data-testid="blacklist-entry">
            <span className="chip">{t(`ui.settings.blacklist.kind.${entry.kind}`)}</span>
            <span className="row__main">
              <span className="row__title">{entry.value}</span>
              <span className="muted row__sub">
                {[inboxName(entry.inboxId), entry.reason, entry.expiresAt ? t('ui.settings.blacklist.until', { at: formatDateTime(entry.expiresAt, locale) }) : null].filter(Boolean).join(' · ')}
              </span>
            </span>
            <button type="button" className="btn btn--small btn--ghost" onClick={() => void remove(entry)}>
              {t('ui.action.remove')}
            </button>
          </div>
        )}
      />
    </div>
  );
}

function EntryFilters({ filters, inboxes, onChange }: { filters: BlacklistFilters; inboxes: Inbox[]; onChange(next: BlacklistFilters): void }) {
  const { t } = useApp();
  return (
    <div className="form__row settings__filters">
      <SelectField
        label={t('ui.settings.blacklist.filter.kind')}
        value={filters.kind}
        onChange={(kind) => onChange({ ...filters, kind })}
        options={[{ value: '', label: t('ui.settings.blacklist.filter.any_kind') }, ...BLACKLIST_KINDS.map((k) => ({ value: k, label: t(`ui.settings.blacklist.kind.${k}`) }))]}
      />
      <SelectField
        label={t('ui.settings.blacklist.filter.scope')}
        value={filters.scope}
        onChange={(scope) => onChange({ ...filters, scope })}
        options={[{ value: '', label: t('ui.settings.blacklist.filter.any_scope') }, { value: GLOBAL_SCOPE, label: t('ui.settings.blacklist.filter.global') }, ...inboxes.map((i) => ({ value: i.id, label: i.name }))]}
      />
      <SelectField
        label={t('ui.settings.blacklist.filter.state')}
        value={filters.state}
        onChange={(state) => onChange({ ...filters, state })}
        options={[
          { value: '', label: t('ui.settings.blacklist.filter.any_state') },
          { value: 'active', label: t('ui.settings.blacklist.filter.active') },
          { value: 'expired', label: t('ui.settings.blacklist.filter.expired') },
        ]}
      />
    </div>
  );
}

function AddEntry({ inboxes, onAdded }: { inboxes: Inbox[]; onAdded(): void }) {
  const { t } = useApp();
  const [kind, setKind] = useState<BlacklistKind>('phone');
  const [value, setValue] = useState('');
  const [inboxId, setInboxId] = useState('');
  const [reason, setReason] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const { errors, save, busy } = useSave(FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { kind, value, inboxId: inboxId || null, reason: reason.trim() || null, expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null };
    void save(() => api.post('/blacklist', body), onAdded);
  };
  return (
    <form className="form card settings__card" onSubmit={submit} noValidate>
      <FormNotice message={errors.form} />
      <div className="form__row">
        <SelectField label={t('ui.settings.blacklist.kind')} value={kind} onChange={setKind} options={BLACKLIST_KINDS.map((k) => ({ value: k, label: t(`ui.settings.blacklist.kind.${k}`) }))} error={errors.fields.kind} />
        <SelectField label={t('ui.settings.inbox')} value={inboxId} onChange={setInboxId} options={[{ value: '', label: t('ui.settings.all_inboxes') }, ...inboxes.map((i) => ({ value: i.id, label: i.name }))]} error={errors.fields.inboxId} />
      </div>
      <TextField label={t('ui.settings.blacklist.value')} value={value} onChange={setValue} error={errors.fields.value} hint={t(`ui.settings.blacklist.hint.${kind}`)} />
      <TextField label={t('ui.settings.blacklist.reason')} value={reason} onChange={setReason} error={errors.fields.reason} />
      <TextField type="datetime-local" label={t('ui.settings.blacklist.expires')} value={expiresAt} onChange={setExpiresAt} error={errors.fields.expiresAt} hint={t('ui.settings.blacklist.expires_hint')} />
      <FormActions busy={busy} label={t('ui.action.add')} />
    </form>
  );
}

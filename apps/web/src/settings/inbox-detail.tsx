import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useApp } from '../app-context.js';
import { ChannelIcon, Spinner } from '../ui/bits.js';
import { useWorkspace } from '../workspace.js';
import { BusinessHoursEditor } from './business-hours-editor.js';
import { draftFromSettings, settingsFieldNames, settingsFromDraft } from './channel-fields.js';
import { ChannelSettingsFields, ConnectionHints } from './channel-settings-fields.js';
import { BackLink, CheckField, FormActions, FormNotice, RotateSecret, SectionHead, TextField, useAction, useLoaded, useSave } from './form-bits.js';
import { MembersEditor } from './members-editor.js';
import { PolicyEditor } from './policy-editor.js';
import { put, type InboxDetail, type KnownChannel, type Member } from './settings-api.js';

const TABS = ['general', 'members', 'hours', 'policy'] as const;
type Tab = (typeof TABS)[number];

export function InboxDetailScreen({ inboxId }: { inboxId: string }) {
  const { t, navigate } = useApp();
  const [tab, setTab] = useState<Tab>('general');
  const { data: inbox, error, setData } = useLoaded(() => api.get<InboxDetail>(`/inboxes/${inboxId}`), [inboxId]);
  const back = () => navigate({ page: 'settings', section: 'inboxes', id: null });
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!inbox) return <Spinner label={t('ui.loading')} />;
  return (
    <div className="settings__page">
      <BackLink label={t('ui.settings.section.inboxes')} onClick={back} />
      <SectionHead title={inbox.name}>
        <ChannelIcon type={inbox.type} /> <span className="muted">{t(`ui.settings.channel.${inbox.type as KnownChannel}`)}</span>
      </SectionHead>
      <div className="tabs settings__tabs" role="tablist">
        {TABS.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'tab is-active' : 'tab'} onClick={() => setTab(name)}>
            {t(`ui.settings.inbox.tab.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'general' ? <InboxGeneral inbox={inbox} onSaved={setData} onDeleted={back} /> : null}
      {tab === 'members' ? (
        <MembersEditor
          load={() => api.get<{ items: Array<Member & { userId: string }> }>(`/inboxes/${inboxId}/members`).then((r) => r.items.map((m) => m.userId))}
          save={(userIds) => put(`/inboxes/${inboxId}/members`, { userIds })}
        />
      ) : null}
      {tab === 'hours' ? <BusinessHoursEditor inboxId={inboxId} /> : null}
      {tab === 'policy' ? <PolicyEditor scope={{ inboxId }} /> : null}
    </div>
  );
}

function InboxGeneral({ inbox, onSaved, onDeleted }: { inbox: InboxDetail; onSaved(inbox: InboxDetail): void; onDeleted(): void }) {
  const { t, me } = useApp();
  const { reloadInboxes } = useWorkspace();
  const [name, setName] = useState(inbox.name);
  const [enabled, setEnabled] = useState(inbox.enabled);
  const [draft, setDraft] = useState(() => draftFromSettings(inbox.type, inbox.settings));
  const { errors, save, busy } = useSave(['name', 'enabled', ...settingsFieldNames(inbox.type)]);
  const act = useAction();
  const canEdit = me?.role === 'admin';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(() => api.patch<InboxDetail>(`/inboxes/${inbox.id}`, { name, enabled, settings: settingsFromDraft(inbox.type, draft, inbox.settings) }), (saved) => {
      onSaved(saved);
      void reloadInboxes();
    });
  };
  const remove = async () => {
    if (!window.confirm(t('ui.settings.inbox.delete_confirm', { name: inbox.name }))) return;
    if (!(await act(() => api.del(`/inboxes/${inbox.id}`), t('ui.settings.deleted')))) return;
    void reloadInboxes();
    onDeleted();
  };

  return (
    <form className="form card settings__card" onSubmit={submit} noValidate>
      <ConnectionHints type={inbox.type} webhookUrl={inbox.webhookUrl} settings={inbox.settings} />
      {inbox.lastError ? <p className="notice notice--warn">{inbox.lastError}</p> : null}
      {inbox.type === 'api' && canEdit ? <RotateSecret rotate={() => api.post(`/inboxes/${inbox.id}/rotate-secret`)} /> : null}
      <FormNotice message={errors.form} />
      <TextField label={t('ui.settings.name')} value={name} onChange={setName} error={errors.fields.name} />
      <CheckField label={t('ui.settings.enabled')} checked={enabled} onChange={setEnabled} />
      <ChannelSettingsFields type={inbox.type} draft={draft} onChange={setDraft} errors={errors.fields} secretFields={inbox.secretFields} />
      {canEdit ? (
        <FormActions busy={busy} label={t('ui.action.save')} onDelete={() => void remove()} />
      ) : (
        <p className="muted">{t('ui.settings.admin_only')}</p>
      )}
    </form>
  );
}

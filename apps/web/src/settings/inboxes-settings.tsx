import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useApp } from '../app-context.js';
import { ChannelIcon, Empty, Spinner } from '../ui/bits.js';
import { useWorkspace } from '../workspace.js';
import { draftFromSettings, settingsFieldNames, settingsFromDraft } from './channel-fields.js';
import { ChannelSettingsFields, ConnectionHints } from './channel-settings-fields.js';
import { BackLink, FormActions, FormNotice, SectionHead, SelectField, SettingsLink, TextField, useLoaded, useSave } from './form-bits.js';
import { InboxDetailScreen } from './inbox-detail.js';
import { allItems, CHANNEL_TYPES, type InboxDetail, type KnownChannel } from './settings-api.js';
import type { SectionProps } from './sections.js';

export function InboxesSettings({ id }: SectionProps) {
  if (id === 'new') return <ConnectInbox />;
  if (id) return <InboxDetailScreen key={id} inboxId={id} />;
  return <InboxList />;
}

function InboxList() {
  const { t, navigate, me } = useApp();
  const { data, error } = useLoaded(() => allItems<InboxDetail>('/inboxes'), []);
  return (
    <div className="settings__page">
      <SectionHead title={t('ui.settings.section.inboxes')}>
        {me?.role === 'admin' ? (
          <button type="button" className="btn btn--primary btn--small" onClick={() => navigate({ page: 'settings', section: 'inboxes', id: 'new' })}>
            + {t('ui.settings.inbox.connect')}
          </button>
        ) : null}
      </SectionHead>
      {error ? <p className="notice notice--error">{error}</p> : null}
      {!data ? (
        <Spinner label={t('ui.loading')} />
      ) : data.length === 0 ? (
        <Empty>{t('ui.settings.inbox.empty')}</Empty>
      ) : (
        <ul className="settings__list">
          {data.map((inbox) => (
            <li key={inbox.id}>
              <SettingsLink section="inboxes" id={inbox.id}>
                <ChannelIcon type={inbox.type} />
                <span className="row__main">
                  <span className="row__title">{inbox.name}</span>
                  <span className="muted row__sub">
                    {t(`ui.settings.channel.${inbox.type as KnownChannel}`)} · {inbox.enabled ? t('ui.settings.enabled') : t('ui.settings.disabled')}
                    {inbox.syncStatus && inbox.syncStatus !== 'ok' ? ` · ${t(`ui.settings.sync.${inbox.syncStatus}`)}` : ''}
                  </span>
                  <code className="settings__code settings__code--small">{window.location.origin + inbox.webhookUrl}</code>
                </span>
              </SettingsLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface Created extends InboxDetail {
  webhookSecret?: string;
}

function ConnectInbox() {
  const { t, navigate } = useApp();
  const { reloadInboxes } = useWorkspace();
  const [type, setType] = useState<KnownChannel>('telegram');
  const [name, setName] = useState('');
  const [draft, setDraft] = useState(() => draftFromSettings('telegram', null));
  const [created, setCreated] = useState<Created | null>(null);
  const { errors, save, busy } = useSave(['type', 'name', ...settingsFieldNames(type)]);
  const back = () => navigate({ page: 'settings', section: 'inboxes', id: null });

  const chooseType = (next: KnownChannel) => {
    setType(next);
    setDraft(draftFromSettings(next, null));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(
      () => api.post<Created>('/inboxes', { type, name, settings: settingsFromDraft(type, draft) }),
      (inbox) => {
        setCreated(inbox);
        void reloadInboxes();
      },
    );
  };

  if (created) {
    return (
      <div className="settings__page">
        <SectionHead title={t('ui.settings.inbox.connected', { name: created.name })} />
        <div className="card settings__card">
          <ConnectionHints type={created.type} webhookUrl={created.webhookUrl} settings={created.settings} />
          {created.webhookSecret ? (
            <div className="field">
              <span>{t('ui.settings.inbox.webhook_secret')}</span>
              <code className="settings__code" data-testid="revealed-secret">
                {created.webhookSecret}
              </code>
              <small className="muted">{t('ui.settings.shown_once')}</small>
            </div>
          ) : null}
          <div className="form__actions">
            <button type="button" className="btn btn--primary" onClick={() => navigate({ page: 'settings', section: 'inboxes', id: created.id })}>
              {t('ui.settings.inbox.open')}
            </button>
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className="settings__page">
      <BackLink label={t('ui.settings.section.inboxes')} onClick={back} />
      <SectionHead title={t('ui.settings.inbox.connect')} />
      <form className="form card settings__card" onSubmit={submit} noValidate>
        <FormNotice message={errors.form} />
        <SelectField label={t('ui.settings.inbox.type')} value={type} onChange={chooseType} options={CHANNEL_TYPES.map((c) => ({ value: c, label: t(`ui.settings.channel.${c}`) }))} error={errors.fields.type} />
        <TextField label={t('ui.settings.name')} value={name} onChange={setName} error={errors.fields.name} />
        <ChannelSettingsFields type={type} draft={draft} onChange={setDraft} errors={errors.fields} />
        <FormActions busy={busy} label={t('ui.settings.inbox.connect')}>
          <button type="button" className="btn" onClick={back}>
            {t('ui.action.cancel')}
          </button>
        </FormActions>
      </form>
    </div>
  );
}

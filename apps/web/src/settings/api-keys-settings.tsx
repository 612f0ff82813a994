import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Page, Role } from '../api/types.js';
import { useApp } from '../app-context.js';
import { formatDateTime } from '../format.js';
import { Empty, Spinner } from '../ui/bits.js';
import { FormActions, FormNotice, SectionHead, SelectField, TextField, useAction, useLoaded, useSave } from './form-bits.js';
import type { ApiKey } from './settings-api.js';

/** Keys for integrations: the key itself is shown once, when it is made. */
export function ApiKeysSettings() {
  const { t, locale } = useApp();
  const act = useAction();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [revealed, setRevealed] = useState<string | null>(null);
  const { data, error, reload } = useLoaded(() => api.get<Page<ApiKey>>('/api-keys', { limit: 100 }), []);
  const { errors, save, busy } = useSave(['name', 'role']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(
      () => api.post<ApiKey & { key: string }>('/api-keys', { name, role }),
      (created) => {
        setRevealed(created.key);
        setName('');
        reload();
      },
    );
  };
  const revoke = async (key: ApiKey) => {
    if (window.confirm(t('ui.settings.key.revoke_confirm', { name: key.name })) && (await act(() => api.del(`/api-keys/${key.id}`), t('ui.settings.key.revoked')))) reload();
  };
  return (
    <div className="settings__page">
      <SectionHead title={t('ui.settings.section.api_keys')} />
      <p className="muted settings__lead">{t('ui.settings.key.lead')}</p>
      <form className="form card settings__card" onSubmit={submit} noValidate>
        <FormNotice message={errors.form} />
        <div className="form__row">
          <TextField label={t('ui.settings.name')} value={name} onChange={setName} error={errors.fields.name} />
          <SelectField label={t('ui.settings.user.role')} value={role} onChange={setRole} options={(['agent', 'supervisor', 'admin'] as const).map((r) => ({ value: r, label: t(`ui.settings.role.${r}`) }))} error={errors.fields.role} />
        </div>
        <FormActions busy={busy} label={t('ui.settings.key.create')} />
      </form>
      {revealed ? (
        <div className="notice notice--warn settings__revealed" role="status">
          <strong>{t('ui.settings.shown_once')}</strong>
          <code className="settings__code" data-testid="revealed-key">
            {revealed}
          </code>
          <button type="button" className="btn btn--small" onClick={() => void navigator.clipboard?.writeText(revealed)}>
            {t('ui.settings.copy')}
          </button>
        </div>
      ) : null}
      {error ? <p className="notice notice--error">{error}</p> : null}
      {!data ? (
        <Spinner label={t('ui.loading')} />
      ) : data.items.length === 0 ? (
        <Empty>{t('ui.settings.key.empty')}</Empty>
      ) : (
        <ul className="settings__list">
          {data.items.map((key) => (
            <li key={key.id} className="row settings__row">
              <code className="settings__shortcode">{key.prefix}…</code>
              <span className="row__main">
                <span className="row__title">{key.name}</span>
                <span className="muted row__sub">
                  {[
                    t(`ui.settings.role.${key.role}`),
                    key.lastUsedAt ? t('ui.settings.key.last_used', { at: formatDateTime(key.lastUsedAt, locale) }) : t('ui.settings.key.never_used'),
                    key.revokedAt ? t('ui.settings.key.revoked_at', { at: formatDateTime(key.revokedAt, locale) }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
              {!key.revokedAt ? (
                <button type="button" className="btn btn--small btn--ghost" onClick={() => void revoke(key)}>
                  {t('ui.settings.key.revoke')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useApp } from '../app-context.js';
import { Spinner } from '../ui/bits.js';
import { CheckField, FormActions, FormNotice, TextField, useLoaded, useSave } from './form-bits.js';
import { put, type FloodSettings } from './settings-api.js';

const FIELDS = ['enabled', 'maxMessagesPerMinute'];

/** Flood protection: a sender's messages beyond the limit of a minute are stored hidden. */
export function FloodSettingsForm() {
  const { t } = useApp();
  const { data, error } = useLoaded(() => api.get<FloodSettings>('/blacklist/settings'), []);
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!data) return <Spinner label={t('ui.loading')} />;
  return <FloodForm settings={data} />;
}

function FloodForm({ settings }: { settings: FloodSettings }) {
  const { t } = useApp();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [limit, setLimit] = useState(String(settings.maxMessagesPerMinute));
  const { errors, save, busy } = useSave(FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Text that is no number goes as typed, so that the server's answer puts the error next to the field.
    const typed = limit.trim();
    const maxMessagesPerMinute = typed && Number.isFinite(Number(typed)) ? Number(typed) : typed;
    void save(() => put<FloodSettings>('/blacklist/settings', { enabled, maxMessagesPerMinute }), (saved) => {
      setEnabled(saved.enabled);
      setLimit(String(saved.maxMessagesPerMinute));
    });
  };
  return (
    <form className="form card settings__card settings__flood" onSubmit={submit} noValidate aria-label={t('ui.settings.flood.title')}>
      <h3 className="card__label">{t('ui.settings.flood.title')}</h3>
      <p className="muted">{t('ui.settings.flood.lead')}</p>
      <FormNotice message={errors.form} />
      <CheckField label={t('ui.settings.flood.enabled')} checked={enabled} onChange={setEnabled} />
      <TextField type="number" label={t('ui.settings.flood.limit')} value={limit} onChange={setLimit} error={errors.fields.maxMessagesPerMinute} hint={t('ui.settings.flood.limit_hint')} />
      <FormActions busy={busy} label={t('ui.action.save')} />
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { User } from '../api/types.js';
import { useApp } from '../app-context.js';
import { FormActions, FormNotice, SectionHead, SelectField, TextField, useSave } from './form-bits.js';

const PROFILE_FIELDS = ['name', 'locale'] as const;
const PASSWORD_FIELDS = ['currentPassword', 'newPassword'] as const;

/** What everyone may change about themself: name, language and password. */
export function ProfileSettings() {
  const { t, me, setLocale, session, signIn } = useApp();
  const [name, setName] = useState(me?.name ?? '');
  const [locale, setLocaleDraft] = useState<'ru' | 'en'>(me?.locale === 'en' ? 'en' : 'ru');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const profile = useSave(PROFILE_FIELDS);
  const password = useSave(PASSWORD_FIELDS);
  if (!me) return null;

  const saveProfile = (event: FormEvent) => {
    event.preventDefault();
    void profile.save(
      () => api.patch<User>(`/users/${me.id}`, { name, locale }),
      (user) => {
        if (session) signIn({ ...session, user: { ...session.user, name: user.name, locale: user.locale } });
        setLocale(locale);
      },
    );
  };
  const savePassword = (event: FormEvent) => {
    event.preventDefault();
    void password.save(() => api.post(`/users/${me.id}/password`, { currentPassword: current, newPassword: next }));
  };

  return (
    <div className="settings__page">
      <SectionHead title={t('ui.settings.section.profile')} />
      <form className="form card settings__card" onSubmit={saveProfile} noValidate>
        <FormNotice message={profile.errors.form} />
        <TextField label={t('ui.settings.name')} value={name} onChange={setName} error={profile.errors.fields.name} />
        <SelectField
          label={t('ui.locale.label')}
          value={locale}
          onChange={setLocaleDraft}
          options={[
            { value: 'ru', label: 'Русский' },
            { value: 'en', label: 'English' },
          ]}
        />
        <FormActions busy={profile.busy} label={t('ui.action.save')} />
      </form>
      <form className="form card settings__card" onSubmit={savePassword} noValidate>
        <h3 className="card__label">{t('ui.settings.password.title')}</h3>
        <FormNotice message={password.errors.form} />
        <TextField type="password" label={t('ui.settings.password.current')} value={current} onChange={setCurrent} error={password.errors.fields.currentPassword} />
        <TextField type="password" label={t('ui.settings.password.new')} value={next} onChange={setNext} error={password.errors.fields.newPassword} />
        <p className="muted">{t('ui.settings.password.hint')}</p>
        <FormActions busy={password.busy || !next} label={t('ui.settings.password.change')} />
      </form>
    </div>
  );
}

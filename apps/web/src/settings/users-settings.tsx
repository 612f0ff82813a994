import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Role } from '../api/types.js';
import { useApp } from '../app-context.js';
import { SearchableList } from '../crm/searchable-list.js';
import { Avatar, Spinner } from '../ui/bits.js';
import { BackLink, CheckField, FormActions, FormNotice, SectionHead, SelectField, SettingsLink, TextField, useLoaded, useSave } from './form-bits.js';
import type { SectionProps } from './sections.js';
import type { ManagedUser } from './settings-api.js';

const ROLES: Role[] = ['agent', 'supervisor', 'admin'];

export function UsersSettings({ id }: SectionProps) {
  const { t, navigate, me } = useApp();
  const [version, setVersion] = useState(0);
  if (id && id !== 'new') return <UserScreen key={id} userId={id} />;
  const isAdmin = me?.role === 'admin';
  return (
    <div className="settings__page">
      <SectionHead title={t('ui.settings.section.users')}>
        {isAdmin ? (
          <button type="button" className="btn btn--primary btn--small" onClick={() => navigate({ page: 'settings', section: 'users', id: id === 'new' ? null : 'new' })}>
            + {t('ui.settings.user.new')}
          </button>
        ) : null}
      </SectionHead>
      {id === 'new' && isAdmin ? (
        <CreateUser
          onCreated={() => {
            setVersion((v) => v + 1);
            navigate({ page: 'settings', section: 'users', id: null });
          }}
        />
      ) : null}
      <SearchableList<ManagedUser>
        path="/users"
        version={version}
        searchLabel={t('ui.settings.user.search')}
        emptyText={t('ui.settings.user.empty')}
        itemKey={(u) => u.id}
        render={(u) => (
          <SettingsLink section="users" id={u.id} className="row">
            <Avatar name={u.name} size="sm" />
            <span className="row__main">
              <span className="row__title">{u.name}</span>
              <span className="muted row__sub">
                {[u.email, t(`ui.settings.role.${u.role}`), u.phoneExtension ? `☎ ${u.phoneExtension}` : null, u.active === false ? t('ui.settings.user.inactive') : null].filter(Boolean).join(' · ')}
              </span>
            </span>
          </SettingsLink>
        )}
      />
    </div>
  );
}

function roleOptions(t: ReturnType<typeof useApp>['t']) {
  return ROLES.map((r) => ({ value: r, label: t(`ui.settings.role.${r}`) }));
}

function CreateUser({ onCreated }: { onCreated(): void }) {
  const { t } = useApp();
  const [draft, setDraft] = useState({ email: '', name: '', password: '', role: 'agent' as Role, locale: 'ru' as 'ru' | 'en' });
  const { errors, save, busy } = useSave(['email', 'name', 'password', 'role', 'locale']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(() => api.post('/users', draft), onCreated);
  };
  return (
    <form className="form card settings__card" onSubmit={submit} noValidate>
      <FormNotice message={errors.form} />
      <TextField label={t('ui.settings.name')} value={draft.name} onChange={(name) => setDraft({ ...draft, name })} error={errors.fields.name} />
      <TextField type="email" label={t('ui.login.email')} value={draft.email} onChange={(email) => setDraft({ ...draft, email })} error={errors.fields.email} />
      <TextField type="password" label={t('ui.login.password')} value={draft.password} onChange={(password) => setDraft({ ...draft, password })} error={errors.fields.password} hint={t('ui.settings.password.hint_min')} />
      <div className="form__row">
        <SelectField label={t('ui.settings.user.role')} value={draft.role} onChange={(role) => setDraft({ ...draft, role })} options={roleOptions(t)} error={errors.fields.role} />
        <SelectField
          label={t('ui.locale.label')}
          value={draft.locale}
          onChange={(locale) => setDraft({ ...draft, locale })}
          options={[
            { value: 'ru', label: 'Русский' },
            { value: 'en', label: 'English' },
          ]}
        />
      </div>
      <FormActions busy={busy} label={t('ui.action.create')} />
    </form>
  );
}

function UserScreen({ userId }: { userId: string }) {
  const { t, navigate } = useApp();
  const { data, error } = useLoaded(() => api.get<ManagedUser>(`/users/${userId}`), [userId]);
  const back = () => navigate({ page: 'settings', section: 'users', id: null });
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!data) return <Spinner label={t('ui.loading')} />;
  return (
    <div className="settings__page">
      <BackLink label={t('ui.settings.section.users')} onClick={back} />
      <SectionHead title={data.name}>
        <span className="muted">{data.email}</span>
      </SectionHead>
      <EditUser user={data} />
    </div>
  );
}

function EditUser({ user }: { user: ManagedUser }) {
  const { t, me } = useApp();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [extension, setExtension] = useState(user.phoneExtension ?? '');
  const [active, setActive] = useState(user.active !== false);
  const { errors, save, busy } = useSave(['name', 'role', 'phoneExtension', 'active']);
  const isAdmin = me?.role === 'admin';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(() => api.patch(`/users/${user.id}`, { name, role, phoneExtension: extension.trim() || null, active }));
  };
  return (
    <form className="form card settings__card" onSubmit={submit} noValidate>
      <FormNotice message={errors.form} />
      <TextField label={t('ui.settings.name')} value={name} onChange={setName} error={errors.fields.name} />
      <SelectField label={t('ui.settings.user.role')} value={role} onChange={setRole} options={roleOptions(t)} error={errors.fields.role} />
      <TextField label={t('ui.settings.user.extension')} value={extension} onChange={setExtension} error={errors.fields.phoneExtension} hint={t('ui.settings.user.extension_hint')} />
      <CheckField label={t('ui.settings.user.active')} checked={active} onChange={setActive} />
      {isAdmin ? (
        <FormActions busy={busy} label={t('ui.action.save')} />
      ) : (
        <p className="muted">{t('ui.settings.admin_only')}</p>
      )}
    </form>
  );
}

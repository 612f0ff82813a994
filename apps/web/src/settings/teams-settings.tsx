import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Inbox, Team } from '../api/types.js';
import { useApp } from '../app-context.js';
import { Empty, Spinner } from '../ui/bits.js';
import { BackLink, CheckField, FormActions, FormNotice, SectionHead, SettingsLink, TextField, useAction, useLoaded, useSave } from './form-bits.js';
import { MembersEditor } from './members-editor.js';
import { PolicyEditor } from './policy-editor.js';
import type { SectionProps } from './sections.js';
import { allItems, put, type Policy, type TeamDetail } from './settings-api.js';

export function TeamsSettings({ id }: SectionProps) {
  if (id && id !== 'new') return <TeamScreen key={id} teamId={id} />;
  return <TeamList creating={id === 'new'} />;
}

function TeamList({ creating }: { creating: boolean }) {
  const { t, navigate } = useApp();
  const { data, error } = useLoaded(() => allItems<Team & { memberCount?: number; description?: string | null }>('/teams'), []);
  return (
    <div className="settings__page">
      <SectionHead title={t('ui.settings.section.teams')}>
        <button type="button" className="btn btn--primary btn--small" onClick={() => navigate({ page: 'settings', section: 'teams', id: creating ? null : 'new' })}>
          + {t('ui.settings.team.new')}
        </button>
      </SectionHead>
      {creating ? <TeamForm team={null} onSaved={(team) => navigate({ page: 'settings', section: 'teams', id: team.id })} /> : null}
      {error ? <p className="notice notice--error">{error}</p> : null}
      {!data ? (
        <Spinner label={t('ui.loading')} />
      ) : data.length === 0 ? (
        <Empty>{t('ui.settings.team.empty')}</Empty>
      ) : (
        <ul className="settings__list">
          {data.map((team) => (
            <li key={team.id}>
              <SettingsLink section="teams" id={team.id}>
                <span className="row__main">
                  <span className="row__title">{team.name}</span>
                  <span className="muted row__sub">{team.description || '—'}</span>
                </span>
              </SettingsLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TeamForm({ team, onSaved }: { team: TeamDetail | null; onSaved(team: TeamDetail): void }) {
  const { t } = useApp();
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const { errors, save, busy } = useSave(['name', 'description']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name, description: description.trim() || null };
    void save(() => (team ? api.patch<TeamDetail>(`/teams/${team.id}`, body) : api.post<TeamDetail>('/teams', body)), onSaved);
  };
  return (
    <form className="form card settings__card" onSubmit={submit} noValidate>
      <FormNotice message={errors.form} />
      <TextField label={t('ui.settings.name')} value={name} onChange={setName} error={errors.fields.name} />
      <TextField label={t('ui.settings.description')} value={description} onChange={setDescription} error={errors.fields.description} multiline rows={2} />
      <FormActions busy={busy} label={team ? t('ui.action.save') : t('ui.action.create')} />
    </form>
  );
}

function TeamScreen({ teamId }: { teamId: string }) {
  const { t, navigate } = useApp();
  const { data: team, error, setData } = useLoaded(() => api.get<TeamDetail>(`/teams/${teamId}`), [teamId]);
  const act = useAction();
  const back = () => navigate({ page: 'settings', section: 'teams', id: null });
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!team) return <Spinner label={t('ui.loading')} />;
  const remove = async () => {
    if (window.confirm(t('ui.settings.team.delete_confirm', { name: team.name })) && (await act(() => api.del(`/teams/${teamId}`), t('ui.settings.deleted')))) back();
  };
  return (
    <div className="settings__page">
      <BackLink label={t('ui.settings.section.teams')} onClick={back} />
      <SectionHead title={team.name}>
        <button type="button" className="btn btn--small settings__danger" onClick={() => void remove()}>
          {t('ui.settings.delete')}
        </button>
      </SectionHead>
      <TeamForm team={team} onSaved={(saved) => setData({ ...team, ...saved })} />
      <MembersEditor load={async () => team.members.map((m) => m.id)} save={(userIds) => put(`/teams/${teamId}/members`, { userIds })} />
      <TeamInboxes teamId={teamId} />
      <PolicyEditor scope={{ teamId }} />
    </div>
  );
}

/** Inboxes hand their conversations to a team through their own policy's routeToTeamId. */
function TeamInboxes({ teamId }: { teamId: string }) {
  const { t } = useApp();
  const act = useAction();
  const { data, reload } = useLoaded(async () => ({ inboxes: await allItems<Inbox>('/inboxes'), policies: await allItems<Policy>('/assignment-policies') }), []);
  if (!data) return <Spinner label={t('ui.loading')} />;
  const policyOf = (inboxId: string) => data.policies.find((p) => p.inboxId === inboxId);
  const toggle = async (inbox: Inbox, on: boolean) => {
    const policy = policyOf(inbox.id);
    const routeToTeamId = on ? teamId : null;
    await act(() =>
      policy ? api.patch(`/assignment-policies/${policy.id}`, { routeToTeamId }) : api.post('/assignment-policies', { inboxId: inbox.id, name: inbox.name, kind: 'manual', routeToTeamId }),
    );
    reload();
  };
  return (
    <section className="card settings__card">
      <h3 className="card__label">{t('ui.settings.team.inboxes')}</h3>
      <p className="muted">{t('ui.settings.team.inboxes_hint')}</p>
      <ul className="settings__checklist">
        {data.inboxes.map((inbox) => (
          <li key={inbox.id}>
            <CheckField label={inbox.name} checked={policyOf(inbox.id)?.routeToTeamId === teamId} onChange={(on) => void toggle(inbox, on)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

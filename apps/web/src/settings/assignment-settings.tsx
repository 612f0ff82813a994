import { useState } from 'react';
import type { Inbox, Team } from '../api/types.js';
import { useApp } from '../app-context.js';
import { Empty, Spinner } from '../ui/bits.js';
import { BackLink, SectionHead, SelectField, SettingsLink, useLoaded } from './form-bits.js';
import { PolicyEditor, PolicyForm } from './policy-editor.js';
import type { SectionProps } from './sections.js';
import { allItems, type Policy } from './settings-api.js';

/** Every assignment policy, of inboxes and of teams. */
export function AssignmentSettings({ id }: SectionProps) {
  const { t, navigate } = useApp();
  const { data, error } = useLoaded(
    async () => ({ policies: await allItems<Policy>('/assignment-policies'), inboxes: await allItems<Inbox>('/inboxes'), teams: await allItems<Team>('/teams') }),
    [id],
  );
  const back = () => navigate({ page: 'settings', section: 'assignment', id: null });
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!data) return <Spinner label={t('ui.loading')} />;
  const scopeName = (p: Policy) => (p.inboxId ? data.inboxes.find((i) => i.id === p.inboxId)?.name : data.teams.find((x) => x.id === p.teamId)?.name) ?? '—';

  if (id === 'new') return <NewPolicy inboxes={data.inboxes} teams={data.teams} onBack={back} />;
  const open = id ? data.policies.find((p) => p.id === id) : null;
  if (open) {
    return (
      <div className="settings__page">
        <BackLink label={t('ui.settings.section.assignment')} onClick={back} />
        <SectionHead title={scopeName(open)} />
        <PolicyForm key={open.id} policy={open} scope={open.inboxId ? { inboxId: open.inboxId } : { teamId: open.teamId! }} onChanged={back} />
      </div>
    );
  }
  return (
    <div className="settings__page">
      <SectionHead title={t('ui.settings.section.assignment')}>
        <button type="button" className="btn btn--primary btn--small" onClick={() => navigate({ page: 'settings', section: 'assignment', id: 'new' })}>
          + {t('ui.settings.policy.new')}
        </button>
      </SectionHead>
      <p className="muted settings__lead">{t('ui.settings.policy.lead')}</p>
      {data.policies.length === 0 ? (
        <Empty>{t('ui.settings.policy.empty')}</Empty>
      ) : (
        <ul className="settings__list">
          {data.policies.map((p) => (
            <li key={p.id}>
              <SettingsLink section="assignment" id={p.id}>
                <span className="row__main">
                  <span className="row__title">
                    {scopeName(p)} · {t(`ui.settings.policy.kind.${p.kind}`)}
                  </span>
                  <span className="muted row__sub">
                    {[p.inboxId ? t('ui.settings.policy.of_inbox') : t('ui.settings.policy.of_team'), p.name, p.enabled ? null : t('ui.settings.disabled'), p.capacity !== null ? t('ui.settings.policy.capacity_n', { n: p.capacity }) : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </span>
              </SettingsLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NewPolicy({ inboxes, teams, onBack }: { inboxes: Inbox[]; teams: Team[]; onBack(): void }) {
  const { t } = useApp();
  const [scope, setScope] = useState('');
  const options = [
    { value: '', label: '—' },
    ...inboxes.map((i) => ({ value: `inbox:${i.id}`, label: `${t('ui.settings.policy.of_inbox')}: ${i.name}` })),
    ...teams.map((x) => ({ value: `team:${x.id}`, label: `${t('ui.settings.policy.of_team')}: ${x.name}` })),
  ];
  const [kind, scopeId] = scope.split(':');
  return (
    <div className="settings__page">
      <BackLink label={t('ui.settings.section.assignment')} onClick={onBack} />
      <SectionHead title={t('ui.settings.policy.new')} />
      <div className="card settings__card">
        <SelectField label={t('ui.settings.policy.scope')} value={scope} onChange={setScope} options={options} />
      </div>
      {scopeId ? <PolicyEditor key={scope} scope={kind === 'inbox' ? { inboxId: scopeId } : { teamId: scopeId }} /> : null}
    </div>
  );
}

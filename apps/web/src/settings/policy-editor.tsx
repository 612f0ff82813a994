import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Page, Team, User } from '../api/types.js';
import { useApp } from '../app-context.js';
import { FieldError, Spinner } from '../ui/bits.js';
import { CheckField, FormActions, FormNotice, rowFieldErrors, SelectField, TextField, useAction, useLoaded, useSave } from './form-bits.js';
import { agentRowsOf, agentsBody, moveUp, type AgentRow } from './policy-agents.js';
import { allItems, POLICY_KINDS, type Policy, type PolicyKind } from './settings-api.js';

export type PolicyScope = { inboxId: string } | { teamId: string };

const FIELDS = ['name', 'kind', 'enabled', 'routeToTeamId', 'capacity', 'agents', 'strictTimeoutSeconds', 'stickyFallback', 'waitInBusinessHours', 'inboxId', 'teamId'];

/** The assignment policy of one inbox or team: loads it, or offers to create it. */
export function PolicyEditor({ scope }: { scope: PolicyScope }) {
  const { t } = useApp();
  const { data, error, reload } = useLoaded(
    () => api.get<Page<Policy>>('/assignment-policies', { ...scope, limit: 1 }).then((p) => ({ policy: p.items[0] ?? null })),
    [JSON.stringify(scope)],
  );
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!data) return <Spinner label={t('ui.loading')} />;
  return <PolicyForm key={data.policy?.id ?? 'new'} policy={data.policy} scope={scope} onChanged={reload} />;
}

interface FormProps {
  policy: Policy | null;
  scope: PolicyScope;
  onChanged(): void;
}

export function PolicyForm({ policy, scope, onChanged }: FormProps) {
  const { t } = useApp();
  const lookups = useLoaded(async () => ({ users: await allItems<User>('/users', { active: 'true' }), teams: await allItems<Team>('/teams') }), []);
  const [name, setName] = useState(policy?.name ?? t('ui.settings.policy.default_name'));
  const [kind, setKind] = useState<PolicyKind>(policy?.kind ?? 'round_robin');
  const [enabled, setEnabled] = useState(policy?.enabled ?? true);
  const [capacity, setCapacity] = useState(policy?.capacity?.toString() ?? '');
  const [timeout, setTimeoutSeconds] = useState(String(policy?.strictTimeoutSeconds ?? 300));
  const [fallback, setFallback] = useState<Policy['stickyFallback']>(policy?.stickyFallback ?? 'least_busy');
  const [routeToTeamId, setRouteToTeamId] = useState(policy?.routeToTeamId ?? '');
  const [businessHours, setBusinessHours] = useState(policy?.waitInBusinessHours ?? false);
  const [agents, setAgents] = useState<AgentRow[]>(() => agentRowsOf(policy));
  const [agentErrors, setAgentErrors] = useState<Record<string, string>>({});
  const { errors, save, busy } = useSave(FIELDS);
  const act = useAction();
  const isInbox = 'inboxId' in scope;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name,
      kind,
      enabled,
      capacity: capacity.trim() ? Number(capacity) : null,
      strictTimeoutSeconds: Number(timeout),
      stickyFallback: fallback,
      waitInBusinessHours: businessHours,
      agents: agentsBody(agents),
      ...(isInbox ? { routeToTeamId: routeToTeamId || null } : {}),
    };
    setAgentErrors({});
    void save(
      () => (policy ? api.patch(`/assignment-policies/${policy.id}`, body) : api.post('/assignment-policies', { ...body, ...scope })),
      onChanged,
      (error) => setAgentErrors(rowFieldErrors(error, /^agents\.\d+\./)),
    );
  };
  const remove = async () => {
    if (policy && (await act(() => api.del(`/assignment-policies/${policy.id}`), t('ui.settings.deleted')))) onChanged();
  };

  const kindOptions = POLICY_KINDS.map((k) => ({ value: k, label: t(`ui.settings.policy.kind.${k}`) }));
  return (
    <form className="form card settings__card" onSubmit={submit} noValidate>
      <h3 className="card__label">{policy ? t('ui.settings.policy.title') : t('ui.settings.policy.none')}</h3>
      <FormNotice message={errors.form} />
      <TextField label={t('ui.settings.name')} value={name} onChange={setName} error={errors.fields.name} />
      <SelectField label={t('ui.settings.policy.kind')} value={kind} onChange={setKind} options={kindOptions} error={errors.fields.kind} hint={t(`ui.settings.policy.hint.${kind}`)} />
      <CheckField label={t('ui.settings.enabled')} checked={enabled} onChange={setEnabled} />
      <TextField type="number" label={t('ui.settings.policy.capacity')} value={capacity} onChange={setCapacity} error={errors.fields.capacity} hint={t('ui.settings.policy.capacity_hint')} />
      {kind === 'strict_order' ? <TextField type="number" label={t('ui.settings.policy.timeout')} value={timeout} onChange={setTimeoutSeconds} error={errors.fields.strictTimeoutSeconds} /> : null}
      {kind === 'sticky' ? (
        <SelectField label={t('ui.settings.policy.fallback')} value={fallback} onChange={setFallback} options={kindOptions.filter((o) => o.value !== 'manual' && o.value !== 'sticky') as Array<{ value: Policy['stickyFallback']; label: string }>} />
      ) : null}
      {isInbox && lookups.data ? (
        <SelectField
          label={t('ui.settings.policy.route_to_team')}
          value={routeToTeamId}
          onChange={setRouteToTeamId}
          error={errors.fields.routeToTeamId}
          options={[{ value: '', label: t('ui.settings.policy.no_team') }, ...lookups.data.teams.map((team) => ({ value: team.id, label: team.name }))]}
        />
      ) : null}
      <CheckField label={t('ui.settings.policy.business_hours')} checked={businessHours} onChange={setBusinessHours} />
      {lookups.data ? <AgentOrder users={lookups.data.users} agents={agents} onChange={setAgents} error={Object.keys(agentErrors).length ? undefined : errors.fields.agents} rowErrors={agentErrors} /> : null}
      <FormActions busy={busy} label={policy ? t('ui.action.save') : t('ui.action.create')} onDelete={policy ? () => void remove() : undefined} />
    </form>
  );
}

/**
 * The policy's agents in order (strict order walks them top down), each with an optional capacity
 * that overrides the policy's; none chosen means every member.
 */
function AgentOrder({ users, agents, onChange, error, rowErrors }: { users: User[]; agents: AgentRow[]; onChange(next: AgentRow[]): void; error?: string; rowErrors: Record<string, string> }) {
  const { t } = useApp();
  const byId = new Map(users.map((u) => [u.id, u]));
  const chosen = new Set(agents.map((a) => a.userId));
  return (
    <div className="field">
      <span>{t('ui.settings.policy.agents')}</span>
      <small className="muted">{t('ui.settings.policy.agents_hint')}</small>
      <ol className="settings__order settings__agents">
        {agents.map((agent, i) => {
          const name = byId.get(agent.userId)?.name ?? agent.userId;
          const capacityError = rowErrors[`agents.${i}.capacity`];
          return (
            <li key={agent.userId} data-testid="policy-agent">
              <span className="settings__agent-name">{name}</span>
              <input
                className="input input--compact settings__agent-capacity"
                type="number"
                min={0}
                value={agent.capacity}
                placeholder={t('ui.settings.policy.agent_capacity_default')}
                aria-label={t('ui.settings.policy.agent_capacity', { name })}
                aria-invalid={Boolean(capacityError)}
                onChange={(e) => onChange(agents.map((a, j) => (j === i ? { ...a, capacity: e.target.value } : a)))}
              />
              <button type="button" className="btn btn--ghost btn--small" disabled={i === 0} onClick={() => onChange(moveUp(agents, i))} aria-label={t('ui.settings.move_up')}>
                ↑
              </button>
              <button type="button" className="btn btn--ghost btn--small" onClick={() => onChange(agents.filter((_, j) => j !== i))} aria-label={t('ui.action.remove')}>
                ×
              </button>
              <FieldError message={capacityError ?? rowErrors[`agents.${i}.userId`]} />
            </li>
          );
        })}
      </ol>
      <small className="muted">{t('ui.settings.policy.agent_capacity_hint')}</small>
      <select className="input" value="" aria-label={t('ui.settings.policy.add_agent')} onChange={(e) => e.target.value && onChange([...agents, { userId: e.target.value, capacity: '' }])}>
        <option value="">+ {t('ui.settings.policy.add_agent')}</option>
        {users
          .filter((u) => !chosen.has(u.id))
          .map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
      </select>
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

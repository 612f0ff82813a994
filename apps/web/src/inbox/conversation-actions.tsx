import { useRef, useState } from 'react';
import { api } from '../api/client.js';
import type { Conversation, Priority } from '../api/types.js';
import { useApp } from '../app-context.js';
import { formatDateTime } from '../format.js';
import { useShortcuts } from '../shortcut-bus.js';
import { Icon } from '../ui/icons.js';
import { useWorkspace } from '../workspace.js';
import { snoozeOptions } from './snooze.js';

const PRIORITIES: Priority[] = ['low', 'medium', 'high', 'urgent'];

/** Runs a conversation change on the server and shows the answer (or the error) at once. */
function useConversationCommand(c: Conversation, onChange: (c: Conversation) => void) {
  const { notify } = useApp();
  const [busy, setBusy] = useState(false);
  async function run(path: string, body: unknown, method: 'post' | 'patch' = 'post') {
    setBusy(true);
    try {
      const updated = method === 'post' ? await api.post<Conversation>(`/conversations/${c.id}${path}`, body) : await api.patch<Conversation>(`/conversations/${c.id}`, body);
      onChange(updated);
      return true;
    } catch (caught) {
      notify(caught instanceof Error ? caught.message : String(caught), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}

interface Props {
  conversation: Conversation;
  onChange(c: Conversation): void;
}

/** Status, snooze, resolve and reopen: in the thread's header. */
export function StatusActions({ conversation: c, onChange }: Props) {
  const { t, locale } = useApp();
  const { busy, run } = useConversationCommand(c, onChange);
  const [snoozing, setSnoozing] = useState(false);
  const [customUntil, setCustomUntil] = useState('');
  const setStatus = (status: Conversation['status'], snoozedUntil?: string) => run('/status', { status, ...(snoozedUntil ? { snoozedUntil } : {}) });
  const snooze = (until: Date) => void setStatus('snoozed', until.toISOString()).then((ok) => ok && setSnoozing(false));

  useShortcuts((action) => {
    switch (action) {
      case 'resolve':
        void setStatus('resolved');
        return true;
      case 'reopen':
        void setStatus('open');
        return true;
      case 'snooze':
        setSnoozing(true);
        return true;
      case 'escape':
        if (!snoozing) return false;
        setSnoozing(false);
        return true;
      default:
        return false;
    }
  }, 1);

  const closed = c.status === 'resolved' || c.status === 'snoozed';
  return (
    <div className="status-actions" aria-busy={busy}>
      <span className={`chip chip--${c.status}`} data-testid="conversation-status">
        {t(`ui.status.${c.status}`)}
        {c.status === 'snoozed' && c.snoozedUntil ? ` · ${formatDateTime(c.snoozedUntil, locale)}` : ''}
      </span>
      {closed ? (
        <button type="button" className="btn btn--small" onClick={() => void setStatus('open')} disabled={busy}>
          {t('ui.actions.reopen')}
        </button>
      ) : (
        <>
          <button type="button" className="btn btn--small" aria-expanded={snoozing} onClick={() => setSnoozing((v) => !v)} disabled={busy}>
            {t('ui.actions.snooze')}
          </button>
          <button type="button" className="btn btn--small btn--success" onClick={() => void setStatus('resolved')} disabled={busy}>
            <Icon name="check" size={14} /> {t('ui.actions.resolve')}
          </button>
        </>
      )}
      {snoozing ? (
        <div className="popover" role="group" aria-label={t('ui.actions.snooze')}>
          {snoozeOptions(new Date()).map((option) => (
            <button key={option.key} type="button" className="btn btn--small btn--block" onClick={() => snooze(option.until)}>
              {t(option.label)}
            </button>
          ))}
          <label className="field">
            <span>{t('ui.snooze.custom')}</span>
            <input type="datetime-local" className="input input--compact" value={customUntil} onChange={(e) => setCustomUntil(e.target.value)} />
          </label>
          <button type="button" className="btn btn--small btn--primary btn--block" disabled={!customUntil} onClick={() => snooze(new Date(customUntil))}>
            {t('ui.snooze.until')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Assignee, team, priority and labels: the bar under the header. */
export function AssignActions({ conversation: c, onChange }: Props) {
  const { t, me } = useApp();
  const { users, teams, online } = useWorkspace();
  const { busy, run } = useConversationCommand(c, onChange);
  const [label, setLabel] = useState('');
  const labelInput = useRef<HTMLInputElement>(null);
  const assign = (assigneeId: string | null) => run('/assignment', { assigneeId });
  const addLabel = () => {
    const value = label.trim();
    if (!value || c.labels.includes(value)) return setLabel('');
    void run('', { labels: [...c.labels, value] }, 'patch').then((ok) => ok && setLabel(''));
  };

  useShortcuts((action) => {
    if (action === 'assignMe') {
      if (me) void assign(me.id);
      return true;
    }
    if (action === 'labels') {
      labelInput.current?.focus();
      return true;
    }
    return false;
  }, 1);

  // An assignee this agent may not list (an agent sees only themself) still shows by name.
  const assignable = !c.assigneeId || users.some((u) => u.id === c.assigneeId) ? users : [...users, { id: c.assigneeId, name: '…', email: '', role: 'agent' as const, locale: 'ru' }];

  return (
    <div className="actions" aria-busy={busy}>
      {c.assigneeId !== me?.id ? (
        <button type="button" className="btn btn--small" onClick={() => me && void assign(me.id)} disabled={busy}>
          {t('ui.actions.assign_me')}
        </button>
      ) : null}
      <select className="input input--compact" aria-label={t('ui.actions.assignee')} value={c.assigneeId ?? ''} onChange={(e) => void assign(e.target.value || null)} disabled={busy}>
        <option value="">{t('ui.actions.nobody')}</option>
        {assignable.map((u) => (
          <option key={u.id} value={u.id}>
            {online.has(u.id) ? '● ' : '○ '}
            {u.name}
          </option>
        ))}
      </select>
      <select className="input input--compact" aria-label={t('ui.actions.team')} value={c.teamId ?? ''} onChange={(e) => void run('/assignment', { teamId: e.target.value || null })} disabled={busy}>
        <option value="">{t('ui.actions.no_team')}</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
      <select className="input input--compact" aria-label={t('ui.actions.priority')} value={c.priority ?? ''} onChange={(e) => void run('', { priority: e.target.value || null }, 'patch')} disabled={busy}>
        <option value="">{t('ui.priority.none')}</option>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(`ui.priority.${p}`)}
          </option>
        ))}
      </select>
      <span className="actions__labels">
        {c.labels.map((l) => (
          <span key={l} className="chip chip--label">
            {l}
            <button type="button" className="chip__x" aria-label={t('ui.actions.remove_label', { label: l })} onClick={() => void run('', { labels: c.labels.filter((x) => x !== l) }, 'patch')}>
              <Icon name="close" size={10} />
            </button>
          </span>
        ))}
        <input
          ref={labelInput}
          className="input input--inline"
          placeholder={t('ui.actions.add_label')}
          aria-label={t('ui.actions.add_label')}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addLabel();
            }
          }}
        />
      </span>
    </div>
  );
}

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Activity, Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { formatDateTime } from '../format.js';
import { activityTypeKey } from '../inbox/message-bubble.js';
import { FieldError } from '../ui/bits.js';
import { useFormErrors } from '../ui/use-form-errors.js';

const TYPES = ['note', 'task', 'call', 'meeting', 'email'] as const;
const FIELDS = ['type', 'subject', 'dueAt'] as const;

/** Activities about a contact, deal or conversation, with a quick form to record one. */
export function ActivityList({ filter, attach }: { filter: Record<string, string>; attach: Record<string, string | null> }) {
  const { t, locale, notify } = useApp();
  const [items, setItems] = useState<Activity[] | null>(null);
  const [type, setType] = useState<(typeof TYPES)[number]>('note');
  const [subject, setSubject] = useState('');
  const [dueAt, setDueAt] = useState('');
  const { errors, fail, clear } = useFormErrors(FIELDS);
  const key = JSON.stringify(filter);

  const load = useCallback(() => {
    api
      .get<Page<Activity>>('/activities', { ...JSON.parse(key), limit: 20 })
      .then((page) => setItems(page.items))
      .catch(() => setItems([]));
  }, [key]);
  useEffect(load, [load]);

  async function add(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      await api.post('/activities', { type, subject, ...attach, ...(dueAt ? { dueAt: new Date(dueAt).toISOString() } : {}) });
      setSubject('');
      setDueAt('');
      load();
    } catch (error) {
      fail(error);
    }
  }

  async function toggle(activity: Activity) {
    try {
      await api.patch(`/activities/${activity.id}`, { done: !activity.done });
      load();
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), 'error');
    }
  }

  return (
    <div className="activities">
      <form className="activities__form" onSubmit={add} noValidate>
        <select className="input input--compact" aria-label={t('ui.activity.type')} value={type} onChange={(e) => setType(e.target.value as (typeof TYPES)[number])}>
          {TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(activityTypeKey(ty))}
            </option>
          ))}
        </select>
        <input className="input input--compact" placeholder={t('ui.activity.subject')} aria-label={t('ui.activity.subject')} value={subject} onChange={(e) => setSubject(e.target.value)} />
        {type === 'task' || type === 'meeting' || type === 'call' ? (
          <input type="datetime-local" className="input input--compact" aria-label={t('ui.activity.due')} value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
        ) : null}
        <button type="submit" className="btn btn--small" disabled={!subject.trim()}>
          {t('ui.action.add')}
        </button>
        <FieldError message={errors.fields.subject ?? errors.fields.dueAt ?? errors.fields.type ?? errors.form ?? undefined} />
      </form>
      {items === null ? null : items.length === 0 ? (
        <p className="muted">{t('ui.activity.none')}</p>
      ) : (
        <ul className="activity-list">
          {items.map((a) => (
            <li key={a.id} className={a.done ? 'is-done' : ''}>
              <input type="checkbox" checked={a.done} onChange={() => void toggle(a)} aria-label={t('ui.activity.mark_done')} />
              <span className="activity-list__type">{t(activityTypeKey(a.type))}</span>
              <span className="activity-list__subject">{a.subject}</span>
              <span className="muted">{formatDateTime(a.dueAt ?? a.createdAt, locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

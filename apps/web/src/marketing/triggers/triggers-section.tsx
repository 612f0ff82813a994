import { useState } from 'react';
import type { MessageKey } from '@app/i18n';
import { ApiError } from '../../api/api-error.js';
import { api } from '../../api/client.js';
import type { Contact, Page } from '../../api/types.js';
import { useApp } from '../../app-context.js';
import { canEditBots } from '../../bots/bots-api.js';
import { formatDateTime } from '../../format.js';
import { Empty, Spinner } from '../../ui/bits.js';
import { PagedListFrame } from '../../ui/paged-list-frame.js';
import { useSearchPages } from '../../ui/use-search-pages.js';
import { BackLink, useAction, useLoaded } from '../../settings/form-bits.js';
import { TriggerEditor } from './trigger-editor.js';
import type { Occurrence, Trigger } from './triggers-api.js';

/** Triggered messages: list (id null), a new one ('new'), or one trigger with its log. */
export function TriggersSection({ id }: { id: string | null }) {
  const { navigate } = useApp();
  const open = (to: string | null, replace = false) => navigate({ page: 'marketing', section: 'triggers', id: to }, { replace });
  if (id === 'new') return <NewTrigger onBack={() => open(null)} onSaved={(trigger) => open(trigger.id, true)} />;
  if (id) return <TriggerScreen key={id} triggerId={id} onBack={() => open(null)} />;
  return <TriggerList onOpen={(to) => open(to)} />;
}

/** Admins and supervisors change triggers; agents see them. */
function useCanEdit(): boolean {
  return canEditBots(useApp().me?.role);
}

function summaryOf(trigger: Trigger, t: ReturnType<typeof useApp>['t']): string {
  const config = trigger.config;
  if ('field' in config) {
    const field = t(`ui.triggers.field.${config.field}` as MessageKey) + (config.field === 'custom' && config.customFieldKey ? ` «${config.customFieldKey}»` : '');
    const when = config.offsetDays === 0 ? t('ui.triggers.summary.on') : t(config.offsetDays < 0 ? 'ui.triggers.summary.before' : 'ui.triggers.summary.after', { n: Math.abs(config.offsetDays) });
    return `${field} · ${when} · ${trigger.sendAtLocal}`;
  }
  if (config.event === 'no_reply') return t('ui.triggers.summary.no_reply', { n: config.days });
  if (config.event === 'cart_abandoned') return t('ui.triggers.summary.cart', { n: config.hours });
  return t('ui.triggers.event.deal_stage');
}

/** Stable, as useSearchPages asks. */
const listTriggers = (query: { q: string; cursor: string | null }) => api.get<Page<Trigger>>('/triggers', { q: query.q, cursor: query.cursor, limit: 100 });

function TriggerList({ onOpen }: { onOpen(id: string): void }) {
  const { t, locale } = useApp();
  const editor = useCanEdit();
  const act = useAction();
  const { q, setQ, items, setItems, cursor, error, load } = useSearchPages(listTriggers);
  // Switched at once in the list; a refused change is undone by reading the list again.
  const toggle = async (trigger: Trigger) => {
    const active = !trigger.active;
    setItems((list) => list?.map((x) => (x.id === trigger.id ? { ...x, active } : x)) ?? list);
    if (!(await act(() => api.patch(`/triggers/${trigger.id}`, { active })))) void load(null);
  };
  return (
    <PagedListFrame
      block="triggers"
      label={t('ui.marketing.triggers')}
      search={{ value: q, onChange: setQ, label: t('ui.triggers.search') }}
      action={
        editor ? (
          <button type="button" className="btn btn--primary btn--small" onClick={() => onOpen('new')}>
            + {t('ui.triggers.new')}
          </button>
        ) : null
      }
      error={error}
      count={items ? items.length : null}
      emptyText={q ? t('ui.triggers.none_found') : t('ui.triggers.empty')}
      more={cursor ? { label: t('ui.triggers.more'), onMore: () => void load(cursor) } : null}
    >
      <table className="triggers__table">
        <thead>
          <tr>
            <th>{t('ui.triggers.col.active')}</th>
            <th>{t('ui.triggers.col.name')}</th>
            <th>{t('ui.triggers.col.kind')}</th>
            <th>{t('ui.triggers.col.last_fired')}</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((trigger) => (
            <tr key={trigger.id} data-testid="trigger-row">
              <td>
                <input type="checkbox" checked={trigger.active} disabled={!editor} aria-label={t('ui.triggers.active')} onChange={() => void toggle(trigger)} />
              </td>
              <td>
                <a
                  href={`/marketing/triggers/${trigger.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(trigger.id);
                  }}
                >
                  {trigger.name}
                </a>
                <div className="muted triggers__sub">{summaryOf(trigger, t)}</div>
              </td>
              <td>{t(`ui.triggers.kind.${trigger.kind}` as MessageKey)}</td>
              <td>{trigger.lastFiredAt ? formatDateTime(trigger.lastFiredAt, locale) : t('ui.triggers.never')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PagedListFrame>
  );
}

function NewTrigger({ onBack, onSaved }: { onBack(): void; onSaved(trigger: Trigger): void }) {
  const { t } = useApp();
  if (!useCanEdit()) return <Empty>{t('ui.settings.admin_only')}</Empty>;
  return (
    <section className="triggers">
      <BackLink label={t('ui.marketing.triggers')} onClick={onBack} />
      <h2>{t('ui.triggers.new')}</h2>
      <TriggerEditor trigger={null} onSaved={onSaved} />
    </section>
  );
}

function TriggerScreen({ triggerId, onBack }: { triggerId: string; onBack(): void }) {
  const { t } = useApp();
  const editor = useCanEdit();
  const act = useAction();
  const [logVersion, setLogVersion] = useState(0);
  const { data, error, setData } = useLoaded(() => api.get<Trigger>(`/triggers/${triggerId}`), [triggerId]);
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!data) return <Spinner label={t('ui.loading')} />;
  const remove = async () => {
    if (window.confirm(t('ui.triggers.delete_confirm', { name: data.name })) && (await act(() => api.del(`/triggers/${triggerId}`), t('ui.settings.deleted')))) onBack();
  };
  return (
    <section className="triggers">
      <BackLink label={t('ui.marketing.triggers')} onClick={onBack} />
      <header className="triggers__head">
        <h2>{data.name}</h2>
        {editor ? (
          <button type="button" className="btn btn--small settings__danger" onClick={() => void remove()}>
            {t('ui.settings.delete')}
          </button>
        ) : null}
      </header>
      {editor ? <TriggerEditor trigger={data} onSaved={(saved) => setData({ ...data, ...saved })} /> : <p className="muted">{summaryOf(data, t)}</p>}
      {editor ? <TestSend triggerId={triggerId} onSent={() => setLogVersion((v) => v + 1)} /> : null}
      <OccurrenceLog key={logVersion} triggerId={triggerId} />
    </section>
  );
}

/** Sends the message to one contact now, to see it as the customer will. */
function TestSend({ triggerId, onSent }: { triggerId: string; onSent(): void }) {
  const { t, notify } = useApp();
  const [q, setQ] = useState('');
  const [contactId, setContactId] = useState('');
  const found = useLoaded(() => (q.trim().length < 2 ? Promise.resolve([]) : api.get<Page<Contact>>('/contacts', { q: q.trim(), limit: 8 }).then((p) => p.items)), [q]).data ?? [];
  const send = async () => {
    try {
      const occurrence = await api.post<Occurrence>(`/triggers/${triggerId}/test`, { contactId });
      if (occurrence.status === 'sent') notify(t('ui.triggers.test_done'));
      else notify(t('ui.triggers.test_not_sent', { reason: reasonText(occurrence.reason, t) }), 'error');
      onSent();
    } catch (error) {
      notify(error instanceof ApiError ? error.message : t('ui.error.generic'), 'error');
    }
  };
  return (
    <section className="card triggers__test">
      <h3>{t('ui.triggers.test')}</h3>
      <div className="triggers__inline">
        <input className="input" type="search" value={q} placeholder={t('ui.triggers.test_search')} aria-label={t('ui.triggers.test_search')} onChange={(e) => setQ(e.target.value)} />
        <select className="input" value={contactId} aria-label={t('ui.triggers.test_contact')} onChange={(e) => setContactId(e.target.value)}>
          <option value="">{t('ui.triggers.test_contact')}</option>
          {found.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name || c.phones[0] || c.emails[0] || c.id}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn--small" disabled={!contactId} onClick={() => void send()}>
          {t('ui.triggers.test_send')}
        </button>
      </div>
    </section>
  );
}

function reasonText(reason: string | null, t: ReturnType<typeof useApp>['t']): string {
  if (!reason) return '';
  const known = ['opted_out', 'no_address', 'blocked', 'inbox_unavailable', 'template_missing', 'trigger_inactive', 'outside_segment', 'interrupted'];
  return known.includes(reason) ? t(`ui.triggers.reason.${reason}` as MessageKey) : reason;
}

function OccurrenceLog({ triggerId }: { triggerId: string }) {
  const { t, locale } = useApp();
  const [pages, setPages] = useState<Occurrence[][]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useLoaded(() => api.get<Page<Occurrence>>(`/triggers/${triggerId}/occurrences`, { limit: 25 }), [triggerId]);
  const more = async () => {
    const from = cursor ?? first.data?.nextCursor;
    if (!from) return;
    const page = await api.get<Page<Occurrence>>(`/triggers/${triggerId}/occurrences`, { limit: 25, cursor: from });
    setPages((p) => [...p, page.items]);
    setCursor(page.nextCursor ?? null);
  };
  if (first.error) return <p className="notice notice--error">{first.error}</p>;
  if (!first.data) return <Spinner label={t('ui.loading')} />;
  const rows = [...first.data.items, ...pages.flat()];
  const hasMore = pages.length ? cursor !== null : Boolean(first.data.nextCursor);
  return (
    <section className="triggers__log">
      <h3>{t('ui.triggers.log')}</h3>
      {rows.length === 0 ? (
        <Empty>{t('ui.triggers.log_empty')}</Empty>
      ) : (
        <table className="triggers__table">
          <thead>
            <tr>
              <th>{t('ui.triggers.col.when')}</th>
              <th>{t('ui.triggers.col.contact')}</th>
              <th>{t('ui.triggers.col.occurrence')}</th>
              <th>{t('ui.triggers.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.id} data-testid="occurrence-row">
                <td>{formatDateTime(o.sentAt ?? o.dueAt, locale)}</td>
                <td>{o.contactName || o.contactId}</td>
                <td>{o.test ? t('ui.triggers.test_mark') : o.occurrenceKey}</td>
                <td>
                  <span className={`chip triggers__status triggers__status--${o.status}`}>{t(`ui.triggers.status.${o.status}` as MessageKey)}</span>
                  {o.reason ? <span className="muted triggers__reason">{reasonText(o.reason, t)}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasMore ? (
        <button type="button" className="btn btn--ghost btn--small" onClick={() => void more()}>
          {t('ui.triggers.more')}
        </button>
      ) : null}
    </section>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-error.js';
import type { ConversationStatus } from '../api/types.js';
import { useApp } from '../app-context.js';
import { formatDateTime } from '../format.js';
import { Empty, Spinner } from '../ui/bits.js';
import { useLiveEvents, useResync, useWorkspace } from '../workspace.js';
import { downloadTicketsCsv } from './ticket-csv-download.js';
import { DEFAULT_TICKET_FILTERS, ticketFiltersToQuery, type TicketFilters } from './ticket-filters.js';
import { ticketsApi } from './tickets-api.js';
import { TICKET_TYPES, type Ticket, type TicketType } from './types.js';

const STATUSES: Array<ConversationStatus | 'all'> = ['all', 'open', 'pending', 'snoozed', 'resolved'];
const PAGE_SIZE = 50;

/** The tickets of the inboxes one sees, newest first; a row opens its conversation with the ticket card. */
export function TicketList() {
  const { t, locale, session, notify } = useApp();
  const [filters, setFilters] = useState<TicketFilters>(DEFAULT_TICKET_FILTERS);
  const [items, setItems] = useState<Ticket[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const request = useRef(0);

  const load = useCallback(async (from: string | null) => {
    const ticket = ++request.current;
    try {
      const page = await ticketsApi.list({ ...ticketFiltersToQuery(filters), limit: PAGE_SIZE, cursor: from });
      if (ticket !== request.current) return;
      setItems((current) => (from && current ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (caught) {
      if (ticket === request.current) setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  }, [filters]);

  useEffect(() => {
    const timer = setTimeout(() => void load(null), filters.q ? 250 : 0);
    return () => clearTimeout(timer);
  }, [filters, load]);

  // A ticket marked, changed or closed anywhere shows here: the first page is read again.
  const reloadSoon = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useLiveEvents((event) => {
    const payload = event.payload as { ticket?: unknown } | null;
    const touchesTickets = event.type === 'ticket.overdue' || (event.type.startsWith('conversation.') && payload !== null && typeof payload === 'object' && 'ticket' in payload);
    const listed = event.type === 'conversation.status_changed' && items?.some((i) => i.conversationId === event.conversationId);
    if (!touchesTickets && !listed) return;
    clearTimeout(reloadSoon.current);
    reloadSoon.current = setTimeout(() => void load(null), 300);
  });
  useEffect(() => () => clearTimeout(reloadSoon.current), []);
  useResync(() => void load(null));

  const set = <K extends keyof TicketFilters>(key: K, value: TicketFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  async function exportCsv() {
    setExporting(true);
    try {
      await downloadTicketsCsv(ticketFiltersToQuery(filters), { token: session?.token ?? null, locale });
    } catch (caught) {
      notify(caught instanceof Error ? caught.message : String(caught), 'error');
    } finally {
      setExporting(false);
    }
  }

  return (
    <section className="tickets-list" aria-label={t('ui.tickets.tab.list')}>
      <Filters filters={filters} set={set} />
      <div className="tickets-list__actions">
        <button type="button" className="btn btn--small" disabled={exporting} onClick={() => void exportCsv()}>
          {t('ui.tickets.export')}
        </button>
      </div>
      {error ? (
        <p className="notice notice--error tickets-list__error" role="alert">
          {error}
        </p>
      ) : null}
      {items === null && !error ? <Spinner label={t('ui.loading')} /> : null}
      {items && items.length === 0 ? <Empty>{t('ui.tickets.empty')}</Empty> : null}
      {items && items.length > 0 ? <TicketTable items={items} /> : null}
      {cursor ? (
        <button type="button" className="btn btn--small tickets-list__more" onClick={() => void load(cursor)}>
          {t('ui.bots.more')}
        </button>
      ) : null}
    </section>
  );
}

function Filters({ filters, set }: { filters: TicketFilters; set<K extends keyof TicketFilters>(key: K, value: TicketFilters[K]): void }) {
  const { t } = useApp();
  const { users, inboxes } = useWorkspace();
  return (
    <div className="tickets-filters">
      <input type="search" className="input input--search input--compact" placeholder={t('ui.tickets.search')} aria-label={t('ui.tickets.search')} value={filters.q} onChange={(e) => set('q', e.target.value)} />
      <select className="input input--compact" aria-label={t('ui.tickets.type')} value={filters.type} onChange={(e) => set('type', e.target.value as TicketType | '')}>
        <option value="">{t('ui.tickets.any_type')}</option>
        {TICKET_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`ticket.type.${type}`)}
          </option>
        ))}
      </select>
      <select className="input input--compact" aria-label={t('ui.tickets.status')} value={filters.status} onChange={(e) => set('status', e.target.value as TicketFilters['status'])}>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`ui.status.${status}`)}
          </option>
        ))}
      </select>
      <select className="input input--compact" aria-label={t('ui.tickets.assignee')} value={filters.assigneeId} onChange={(e) => set('assigneeId', e.target.value)}>
        <option value="">{t('ui.tickets.any_assignee')}</option>
        <option value="none">{t('ui.tickets.unassigned')}</option>
        {users.map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
          </option>
        ))}
      </select>
      {inboxes.length > 1 ? (
        <select className="input input--compact" aria-label={t('ui.inbox.filter.inbox')} value={filters.inboxId} onChange={(e) => set('inboxId', e.target.value)}>
          <option value="">{t('ui.inbox.filter.any_inbox')}</option>
          {inboxes.map((inbox) => (
            <option key={inbox.id} value={inbox.id}>
              {inbox.name}
            </option>
          ))}
        </select>
      ) : null}
      <label className="tickets-filters__check">
        <input type="checkbox" checked={filters.overdue} onChange={(e) => set('overdue', e.target.checked)} />
        {t('ui.tickets.overdue_filter')}
      </label>
    </div>
  );
}

function TicketTable({ items }: { items: Ticket[] }) {
  const { t, locale, navigate } = useApp();
  const { userName } = useWorkspace();
  const open = (ticket: Ticket) => navigate({ page: 'inbox', conversationId: ticket.conversationId, panel: true });
  return (
    <table className="bots-table tickets-table">
      <thead>
        <tr>
          <th>{t('ui.tickets.col.number')}</th>
          <th>{t('ui.tickets.col.contact')}</th>
          <th>{t('ui.tickets.type')}</th>
          <th>{t('ui.tickets.status')}</th>
          <th>{t('ui.tickets.due')}</th>
          <th>{t('ui.tickets.assignee')}</th>
          <th>{t('ui.tickets.checklist')}</th>
          <th>{t('ui.tickets.col.created')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((ticket) => {
          const done = ticket.checklist.filter((i) => i.done).length;
          return (
            <tr key={ticket.id} className={ticket.overdue ? 'tickets-table__row is-overdue' : 'tickets-table__row'} data-ticket-id={ticket.id} onClick={() => open(ticket)}>
              <td className="bots-table__num">
                <a
                  href={`/inbox/${ticket.conversationId}?panel=1`}
                  onClick={(e) => {
                    e.preventDefault();
                    e.stopPropagation();
                    open(ticket);
                  }}
                >
                  #{ticket.number}
                </a>
              </td>
              <td>{ticket.contact.name || t('ui.contact.unnamed')}</td>
              <td>{t(`ticket.type.${ticket.type}`)}</td>
              <td>
                <span className={`chip chip--${ticket.status}`}>{t(`ui.status.${ticket.status}`)}</span>
              </td>
              <td>
                {ticket.dueAt ? formatDateTime(ticket.dueAt, locale) : '—'}
                {ticket.overdue ? <span className="chip chip--danger tickets-table__overdue">{t('ui.tickets.overdue')}</span> : null}
              </td>
              <td>{ticket.assigneeId ? userName(ticket.assigneeId) : '—'}</td>
              <td className="bots-table__num">{ticket.checklist.length ? `${done}/${ticket.checklist.length}` : '—'}</td>
              <td>{formatDateTime(ticket.createdAt, locale)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

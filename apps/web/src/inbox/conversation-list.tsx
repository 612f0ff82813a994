import { useEffect, useRef, useState } from 'react';
import type { Conversation, ConversationStatus } from '../api/types.js';
import { useApp } from '../app-context.js';
import { formatListTime, formatWaiting } from '../format.js';
import { Avatar, ChannelIcon, Empty, Spinner } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { useNow } from '../ui/use-now.js';
import { TicketBadge } from '../tickets/ticket-badge.js';
import { TICKET_TYPES, type TicketType } from '../tickets/types.js';
import { useWorkspace } from '../workspace.js';
import { SlaBadge } from './sla-badge.js';
import { countExtraFilters, waitingSince, type InboxTab, type ListFilters, type ListState, type TicketListFilter } from './list-state.js';

const TABS: Array<{ tab: InboxTab; label: 'ui.inbox.tab.mine' | 'ui.inbox.tab.unassigned' | 'ui.inbox.tab.all' }> = [
  { tab: 'mine', label: 'ui.inbox.tab.mine' },
  { tab: 'unassigned', label: 'ui.inbox.tab.unassigned' },
  { tab: 'all', label: 'ui.inbox.tab.all' },
];

const STATUSES: Array<ConversationStatus | 'all'> = ['open', 'pending', 'snoozed', 'resolved', 'all'];

const TICKET_FILTERS: Array<{ value: TicketListFilter; label: 'ui.inbox.filter.any_conversation' | 'ui.inbox.filter.tickets_only' | 'ui.inbox.filter.tickets_overdue' }> = [
  { value: '', label: 'ui.inbox.filter.any_conversation' },
  { value: 'only', label: 'ui.inbox.filter.tickets_only' },
  { value: 'overdue', label: 'ui.inbox.filter.tickets_overdue' },
];

interface Props {
  filters: ListFilters;
  onFilters(update: (f: ListFilters) => ListFilters): void;
  state: ListState;
  selectedId: string | null;
  onOpen(id: string): void;
  onMore(): void;
  onRetry(): void;
}

export function ConversationList({ filters, onFilters, state, selectedId, onOpen, onMore, onRetry }: Props) {
  const { t } = useApp();
  const { inboxes, teams } = useWorkspace();
  const [showFilters, setShowFilters] = useState(countExtraFilters(filters) > 0);
  const sentinel = useRef<HTMLDivElement>(null);
  const more = useRef(onMore);
  more.current = onMore;

  // Infinite scroll: the next page loads when the end of the list comes into view.
  useEffect(() => {
    const node = sentinel.current;
    if (!node) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && more.current(), { rootMargin: '200px' });
    observer.observe(node);
    return () => observer.disconnect();
  }, [state.nextCursor]);

  const set = <K extends keyof ListFilters>(key: K, value: ListFilters[K]) => onFilters((f) => ({ ...f, [key]: value }));
  const activeFilters = countExtraFilters(filters);

  return (
    <section className="inbox__list" aria-label={t('ui.inbox.list_label')}>
      <div className="list-head">
        <div className="tabs" role="tablist" aria-label={t('ui.inbox.tabs_label')}>
          {TABS.map(({ tab, label }) => (
            <button key={tab} type="button" role="tab" aria-selected={filters.tab === tab} className={filters.tab === tab ? 'tab is-active' : 'tab'} onClick={() => set('tab', tab)}>
              {t(label)}
            </button>
          ))}
        </div>
        <div className="list-head__row">
          <input
            id="conversation-search"
            type="search"
            className="input input--search"
            placeholder={t('ui.inbox.search')}
            aria-label={t('ui.inbox.search')}
            value={filters.q}
            onChange={(e) => set('q', e.target.value)}
          />
          <select className="input input--compact" aria-label={t('ui.inbox.filter.status')} value={filters.status} onChange={(e) => set('status', e.target.value as ListFilters['status'])}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`ui.status.${s}`)}
              </option>
            ))}
          </select>
          <button type="button" className={activeFilters ? 'btn btn--ghost is-active' : 'btn btn--ghost'} aria-expanded={showFilters} onClick={() => setShowFilters((v) => !v)} title={t('ui.inbox.filters')}>
            <Icon name="filter" />{activeFilters ? <span className="count">{activeFilters}</span> : null}
          </button>
        </div>
        {showFilters ? (
          <div className="list-head__filters">
            <select className="input input--compact" aria-label={t('ui.inbox.filter.inbox')} value={filters.inboxId} onChange={(e) => set('inboxId', e.target.value)}>
              <option value="">{t('ui.inbox.filter.any_inbox')}</option>
              {inboxes.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
            <select className="input input--compact" aria-label={t('ui.inbox.filter.team')} value={filters.teamId} onChange={(e) => set('teamId', e.target.value)}>
              <option value="">{t('ui.inbox.filter.any_team')}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
            <input className="input input--compact" placeholder={t('ui.inbox.filter.label')} aria-label={t('ui.inbox.filter.label')} value={filters.label} onChange={(e) => set('label', e.target.value)} />
            <select className="input input--compact" aria-label={t('ui.inbox.filter.ticket')} value={filters.ticket} onChange={(e) => set('ticket', e.target.value as TicketListFilter)}>
              {TICKET_FILTERS.map(({ value, label }) => (
                <option key={value} value={value}>
                  {t(label)}
                </option>
              ))}
            </select>
            <select className="input input--compact" aria-label={t('ui.inbox.filter.ticket_type')} value={filters.ticketType} onChange={(e) => set('ticketType', e.target.value as TicketType | '')}>
              <option value="">{t('ui.inbox.filter.any_ticket_type')}</option>
              {TICKET_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`ticket.type.${type}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <ul className="conversations" role="list">
        {state.items.map((c) => (
          <ConversationRow key={c.id} conversation={c} selected={c.id === selectedId} onOpen={onOpen} />
        ))}
      </ul>
      {state.error ? (
        <div className="list-error" role="alert">
          <p>{state.error}</p>
          <button type="button" className="btn" onClick={onRetry}>
            {t('ui.action.retry')}
          </button>
        </div>
      ) : null}
      {!state.loading && !state.error && state.items.length === 0 ? <Empty>{filters.q ? t('ui.inbox.nothing_found') : t('ui.inbox.empty')}</Empty> : null}
      {state.loading ? <Spinner label={t('ui.loading')} /> : null}
      <div ref={sentinel} className="sentinel" aria-hidden="true" />
    </section>
  );
}

function ConversationRow({ conversation: c, selected, onOpen }: { conversation: Conversation; selected: boolean; onOpen(id: string): void }) {
  const { t, locale } = useApp();
  const { inboxById, userName, online } = useWorkspace();
  const now = useNow(30_000);
  const inbox = inboxById(c.inboxId);
  const waiting = formatWaiting(waitingSince(c), now, locale);
  const name = c.contact?.name || t('ui.contact.unnamed');
  return (
    <li>
      <a
        href={`/inbox/${c.id}`}
        className={['conversation', selected ? 'is-selected' : '', c.unreadCount > 0 ? 'is-unread' : ''].join(' ')}
        aria-current={selected ? 'true' : undefined}
        data-conversation-id={c.id}
        onClick={(e) => {
          e.preventDefault();
          onOpen(c.id);
        }}
      >
        <span className="conversation__avatar">
          <Avatar name={name} />
          <ChannelIcon type={inbox?.type} title={inbox?.name} />
        </span>
        <span className="conversation__main">
          <span className="conversation__top">
            <span className="conversation__name">{name}</span>
            <time className="conversation__time" dateTime={c.lastMessageAt ?? c.createdAt}>
              {formatListTime(c.lastMessageAt ?? c.createdAt, now, locale)}
            </time>
          </span>
          <span className="conversation__bottom">
            <span className="conversation__preview">{c.lastMessagePreview || '—'}</span>
            {c.unreadCount > 0 ? (
              <span className="badge" aria-label={t('ui.inbox.unread', { n: c.unreadCount })}>
                {c.unreadCount}
              </span>
            ) : null}
          </span>
          <span className="conversation__meta">
            {waiting ? (
              <span className="chip chip--wait" title={t('ui.inbox.waiting_title')}>
                <Icon name="clock" size={11} /> {waiting}
              </span>
            ) : null}
            <SlaBadge conversation={c} />
            <TicketBadge conversation={c} />
            {c.status !== 'open' ? <span className={`chip chip--${c.status}`}>{t(`ui.status.${c.status}`)}</span> : null}
            {c.priority ? <span className={`chip chip--prio-${c.priority}`}>{t(`ui.priority.${c.priority}`)}</span> : null}
            {c.labels.slice(0, 3).map((label) => (
              <span key={label} className="chip chip--label">
                {label}
              </span>
            ))}
            {c.assigneeId ? (
              <span className="conversation__assignee" title={userName(c.assigneeId)}>
                <Avatar name={userName(c.assigneeId)} size="sm" online={online.has(c.assigneeId)} />
              </span>
            ) : null}
          </span>
        </span>
      </a>
    </li>
  );
}

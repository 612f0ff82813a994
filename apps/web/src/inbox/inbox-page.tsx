import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import type { Conversation, LiveEvent, Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { useShortcuts } from '../shortcut-bus.js';
import { ErrorBoundary } from '../ui/error-boundary.js';
import { Empty } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { useLiveEvents, useResync } from '../workspace.js';
import { ConversationList } from './conversation-list.js';
import { appendPage, applyConversation, DEFAULT_FILTERS, EMPTY_LIST, filtersToQuery, totalUnread, type ListFilters, type ListState } from './list-state.js';
import { SidePanel } from './side-panel.js';
import { Thread } from './thread.js';

const FILTERS_KEY = 'omnibox.inbox.filters';
const PAGE_SIZE = 25;

function storedFilters(): ListFilters {
  try {
    return { ...DEFAULT_FILTERS, ...(JSON.parse(localStorage.getItem(FILTERS_KEY) ?? '{}') as Partial<ListFilters>), q: '' };
  } catch {
    return DEFAULT_FILTERS;
  }
}

const isConversationEvent = (event: LiveEvent) => event.type.startsWith('conversation.');

export function InboxPage({ conversationId, panel }: { conversationId: string | null; panel: boolean }) {
  const { me, navigate, t, locale } = useApp();
  const [filters, setFilters] = useState<ListFilters>(storedFilters);
  const [list, setList] = useState<ListState>(EMPTY_LIST);
  const [current, setCurrent] = useState<Conversation | null>(null);
  const [currentError, setCurrentError] = useState<string | null>(null);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const request = useRef(0);
  const meId = me?.id ?? '';

  const load = useCallback(async (cursor: string | null) => {
    const ticket = ++request.current;
    const replace = cursor === null;
    if (replace) setList((s) => ({ ...s, loading: true, error: null }));
    else setList((s) => ({ ...s, loading: true }));
    try {
      const page = await api.get<Page<Conversation>>('/conversations', { ...filtersToQuery(filtersRef.current), limit: PAGE_SIZE, cursor });
      if (ticket !== request.current) return;
      setList((s) => appendPage(s, page, replace));
    } catch (error) {
      if (ticket !== request.current) return;
      setList((s) => ({ ...s, loading: false, error: error instanceof ApiError ? error.message : String(error) }));
    }
  }, []);

  useEffect(() => {
    localStorage.setItem(FILTERS_KEY, JSON.stringify({ ...filters, q: '' }));
    const timer = setTimeout(() => void load(null), filters.q ? 250 : 0);
    return () => clearTimeout(timer);
  }, [filters, load]);

  // The open conversation, kept apart from the list: it stays open when it leaves the list's filter.
  useEffect(() => {
    setCurrent(null);
    setCurrentError(null);
    if (!conversationId) return;
    let cancelled = false;
    api
      .get<Conversation>(`/conversations/${conversationId}`)
      .then((c) => !cancelled && setCurrent(c))
      .catch((error) => !cancelled && setCurrentError(error instanceof ApiError ? error.message : String(error)));
    return () => {
      cancelled = true;
    };
  }, [conversationId]);

  const applyLocal = useCallback(
    (updated: Conversation) => {
      setList((s) => applyConversation(s, updated, filtersRef.current, meId));
      setCurrent((c) => (c && c.id === updated.id ? { ...c, ...updated, inbox: c.inbox, contact: updated.contact ?? c.contact } : c));
    },
    [meId],
  );

  useLiveEvents((event) => {
    if (isConversationEvent(event)) applyLocal(event.payload as Conversation);
  });
  useResync(() => {
    void load(null);
    if (conversationId) void api.get<Conversation>(`/conversations/${conversationId}`).then(setCurrent).catch(() => undefined);
  });

  const unread = totalUnread(list.items);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Omnibox` : 'Omnibox';
    return () => {
      document.title = 'Omnibox';
    };
  }, [unread]);

  const open = useCallback((id: string | null, withPanel = false) => navigate({ page: 'inbox', conversationId: id, panel: withPanel }), [navigate]);

  useShortcuts((action) => {
    const ids = list.items.map((c) => c.id);
    const index = conversationId ? ids.indexOf(conversationId) : -1;
    switch (action) {
      case 'next':
        if (ids.length) open(ids[Math.min(ids.length - 1, index + 1)]);
        return true;
      case 'previous':
        if (ids.length) open(ids[Math.max(0, index - 1)]);
        return true;
      case 'tabMine':
      case 'tabUnassigned':
      case 'tabAll':
        setFilters((f) => ({ ...f, tab: action === 'tabMine' ? 'mine' : action === 'tabUnassigned' ? 'unassigned' : 'all' }));
        return true;
      case 'search':
        document.getElementById('conversation-search')?.focus();
        return true;
      case 'escape':
        if (panel) open(conversationId);
        else if (conversationId) open(null);
        return Boolean(conversationId);
      default:
        return false;
    }
  });

  const layout = ['inbox', conversationId ? 'inbox--thread' : 'inbox--list', panel ? 'inbox--panel' : ''].join(' ');
  return (
    <div className={layout}>
      <ConversationList
        filters={filters}
        onFilters={setFilters}
        state={list}
        selectedId={conversationId}
        onOpen={(id) => open(id)}
        onMore={() => list.nextCursor && !list.loading && void load(list.nextCursor)}
        onRetry={() => void load(null)}
      />
      <section className="inbox__thread" aria-label={t('ui.thread.label')}>
        <ErrorBoundary locale={locale} inline key={conversationId ?? 'none'}>
          {conversationId && current ? (
            <Thread conversation={current} onChange={applyLocal} onBack={() => open(null)} onPanel={() => open(conversationId, !panel)} panelOpen={panel} />
          ) : conversationId && currentError ? (
            <Empty>{currentError}</Empty>
          ) : conversationId ? (
            <div className="thread thread--loading" aria-busy="true" />
          ) : (
            <Empty>
              <span className="empty__big" aria-hidden="true">
                <Icon name="inbox" size={44} />
              </span>
              {t('ui.thread.pick')}
            </Empty>
          )}
        </ErrorBoundary>
      </section>
      <aside className="inbox__panel" aria-label={t('ui.panel.label')}>
        {current ? (
          <ErrorBoundary locale={locale} inline key={current.id}>
            <SidePanel conversation={current} onChange={applyLocal} onClose={() => open(conversationId)} />
          </ErrorBoundary>
        ) : null}
      </aside>
    </div>
  );
}

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import type { Conversation, Message, Page, TimelineEntry, TypingPayload } from '../api/types.js';
import { useApp } from '../app-context.js';
import { dayLabel, groupByDay } from '../format.js';
import { Avatar, ChannelIcon, Spinner } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { useNow } from '../ui/use-now.js';
import { useLiveEvents, useResync, useWorkspace } from '../workspace.js';
import { Composer } from './composer.js';
import { AssignActions, StatusActions } from './conversation-actions.js';
import { TimelineItem } from './message-bubble.js';
import { prependPage, upsertMessage } from './thread-state.js';
import { SlaBadge } from './sla-badge.js';

interface Props {
  conversation: Conversation;
  onChange(c: Conversation): void;
  onBack(): void;
  onPanel(): void;
  panelOpen: boolean;
}

const TYPING_TTL_MS = 6000;

export function Thread({ conversation, onChange, onBack, onPanel, panelOpen }: Props) {
  const { t, locale, me, notify } = useApp();
  const { live, inboxById, userName } = useWorkspace();
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [typers, setTypers] = useState<Record<string, number>>({});
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const now = useNow(2000);
  const id = conversation.id;

  const loadLatest = useCallback(async () => {
    setLoading(true);
    try {
      const page = await api.get<Page<TimelineEntry>>(`/conversations/${id}/timeline`, { limit: 50 });
      setEntries((shown) => prependPage(shown, page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setLoading(false);
    }
  }, [id]);

  useEffect(() => {
    stickToBottom.current = true;
    void loadLatest();
    live?.join(id);
    return () => live?.leave(id);
  }, [id, live, loadLatest]);

  // Opening a conversation reads it; so does a new message arriving while it is open and visible.
  const unread = conversation.unreadCount;
  useEffect(() => {
    if (unread > 0 && document.visibilityState === 'visible') {
      api
        .post<Conversation>(`/conversations/${id}/read`)
        .then(onChange)
        .catch(() => undefined);
    }
  }, [id, unread, onChange]);

  useLiveEvents((event) => {
    if (event.conversationId !== id) return;
    if (event.type === 'message.created' || event.type === 'message.updated') {
      setEntries((shown) => upsertMessage(shown, event.payload as Message));
      const message = event.payload as Message;
      if (message.messageType === 'incoming') setTypers((t0) => ({ ...t0, contact: 0 }));
    } else if (event.type === 'typing') {
      const p = event.payload as TypingPayload;
      if (p.userId && p.userId === me?.id) return;
      const key = p.contact ? 'contact' : (p.userId ?? '');
      setTypers((current) => ({ ...current, [key]: p.typing ? Date.now() + TYPING_TTL_MS : 0 }));
    }
  });
  useResync(() => void loadLatest());

  // New messages keep the view at the bottom unless the agent scrolled up to read.
  useLayoutEffect(() => {
    const node = scroller.current;
    if (node && stickToBottom.current) node.scrollTop = node.scrollHeight;
  }, [entries]);

  async function loadOlder() {
    if (!cursor) return;
    const node = scroller.current;
    const before = node ? node.scrollHeight - node.scrollTop : 0;
    const page = await api.get<Page<TimelineEntry>>(`/conversations/${id}/timeline`, { limit: 50, cursor }).catch((e: unknown) => {
      notify(e instanceof Error ? e.message : String(e), 'error');
      return null;
    });
    if (!page) return;
    stickToBottom.current = false;
    setEntries((shown) => prependPage(shown, page.items));
    setCursor(page.nextCursor);
    requestAnimationFrame(() => {
      if (node) node.scrollTop = node.scrollHeight - before;
    });
  }

  const onScroll = () => {
    const node = scroller.current;
    if (!node) return;
    stickToBottom.current = node.scrollHeight - node.scrollTop - node.clientHeight < 80;
    if (node.scrollTop < 40 && cursor && !loading) void loadOlder();
  };

  const onSent = useCallback((message: Message) => {
    stickToBottom.current = true;
    setEntries((shown) => upsertMessage(shown, message));
  }, []);

  const retry = async (message: Message) => {
    try {
      const updated = await api.post<Message>(`/conversations/${id}/messages/${message.id}/retry`);
      setEntries((shown) => upsertMessage(shown, updated));
    } catch (caught) {
      notify(caught instanceof Error ? caught.message : String(caught), 'error');
    }
  };

  const inbox = inboxById(conversation.inboxId) ?? conversation.inbox;
  const contactName = conversation.contact?.name || t('ui.contact.unnamed');
  const typingNames = Object.entries(typers)
    .filter(([, until]) => until > now)
    .map(([key]) => (key === 'contact' ? contactName : userName(key) || t('ui.thread.someone')));
  const groups = groupByDay(entries, (e) => e.at);

  return (
    <div className="thread">
      <header className="thread__head">
        <button type="button" className="btn btn--ghost btn--icon thread__back" onClick={onBack} aria-label={t('ui.action.back')}>
          <Icon name="back" size={18} />
        </button>
        <Avatar name={contactName} />
        <div className="thread__title">
          <h2>{contactName}</h2>
          <p className="muted">
            <ChannelIcon type={inbox?.type} title={inbox?.name} /> {inbox?.name} <SlaBadge conversation={conversation} size="head" />
          </p>
        </div>
        <StatusActions conversation={conversation} onChange={onChange} />
        <button type="button" className={panelOpen ? 'btn btn--ghost thread__panel-toggle is-active' : 'btn btn--ghost thread__panel-toggle'} onClick={onPanel} aria-pressed={panelOpen}>
          {t('ui.panel.toggle')}
        </button>
      </header>
      <AssignActions conversation={conversation} onChange={onChange} />
      <div className="thread__messages" ref={scroller} onScroll={onScroll} aria-live="polite" aria-label={t('ui.thread.messages')}>
        {cursor ? (
          <button type="button" className="btn btn--ghost thread__older" onClick={() => void loadOlder()}>
            {t('ui.thread.older')}
          </button>
        ) : null}
        {loading && entries.length === 0 ? <Spinner label={t('ui.loading')} /> : null}
        {error ? (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        ) : null}
        {groups.map((group) => (
          <section key={group.key} className="day" aria-label={dayLabel(group.key, now, locale)}>
            <h3 className="day__label">
              <span>{dayLabel(group.key, now, locale)}</span>
            </h3>
            {group.items.map((entry) => (
              <TimelineItem key={entry.kind === 'message' ? entry.message.id : entry.activity.id} entry={entry} contactName={contactName} onRetry={retry} />
            ))}
          </section>
        ))}
      </div>
      <div className="typing" aria-live="polite">
        {typingNames.length ? (
          <>
            <span className="typing__dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {t('ui.thread.typing', { names: typingNames.join(', ') })}
          </>
        ) : null}
      </div>
      <Composer conversationId={id} inboxId={conversation.inboxId} disabled={false} onSent={onSent} />
    </div>
  );
}

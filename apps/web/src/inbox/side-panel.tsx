import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { Conversation, Page } from '../api/types.js';
import { useApp } from '../app-context.js';
import { BotSessionCard } from '../bots/bot-session-card.js';
import { ActivityList } from '../crm/activity-list.js';
import { ContactCard } from '../crm/contact-card.js';
import { DealBox } from '../deals/deal-box.js';
import { formatListTime } from '../format.js';
import { TicketCard } from '../tickets/ticket-card.js';
import { ChannelIcon } from '../ui/bits.js';
import { Icon } from '../ui/icons.js';
import { useWorkspace } from '../workspace.js';

interface Props {
  conversation: Conversation;
  onChange(c: Conversation): void;
  onClose(): void;
}

export function SidePanel({ conversation, onChange, onClose }: Props) {
  const { t } = useApp();
  return (
    <div className="panel">
      <div className="panel__head">
        <h2>{t('ui.panel.label')}</h2>
        <button type="button" className="btn btn--ghost btn--icon panel__close" onClick={onClose} aria-label={t('ui.action.close')}>
          <Icon name="close" />
        </button>
      </div>
      <ContactCard contactId={conversation.contactId} linkToPage onSaved={(contact) => onChange({ ...conversation, contact: { id: contact.id, name: contact.name } })} />
      <BotSessionCard conversationId={conversation.id} />
      <TicketCard conversation={conversation} onChange={onChange} />
      <section className="card">
        <h3 className="card__label">{t('ui.deal.title')}</h3>
        <DealBox conversation={conversation} onChange={onChange} />
      </section>
      <section className="card">
        <h3 className="card__label">{t('ui.panel.previous')}</h3>
        <PreviousConversations conversation={conversation} />
      </section>
      <section className="card">
        <h3 className="card__label">{t('ui.panel.activities')}</h3>
        <ActivityList filter={{ contactId: conversation.contactId }} attach={{ contactId: conversation.contactId, conversationId: conversation.id, dealId: conversation.dealId }} />
      </section>
    </div>
  );
}

export function PreviousConversations({ conversation, contactId }: { conversation?: Conversation; contactId?: string }) {
  const { t, locale, navigate } = useApp();
  const { inboxById } = useWorkspace();
  const [items, setItems] = useState<Conversation[] | null>(null);
  const owner = contactId ?? conversation?.contactId ?? '';
  useEffect(() => {
    api
      .get<Page<Conversation>>('/conversations', { contactId: owner, status: 'all', limit: 20 })
      .then((page) => setItems(page.items))
      .catch(() => setItems([]));
  }, [owner]);
  const others = (items ?? []).filter((c) => c.id !== conversation?.id);
  if (items === null) return null;
  if (others.length === 0) return <p className="muted">{t('ui.panel.no_previous')}</p>;
  return <ConversationLinks items={others} locale={locale} inboxById={inboxById} onOpen={(id) => navigate({ page: 'inbox', conversationId: id, panel: false })} t={t} />;
}

export function ConversationLinks({
  items,
  locale,
  inboxById,
  onOpen,
  t,
}: {
  items: Conversation[];
  locale: 'ru' | 'en';
  inboxById: ReturnType<typeof useWorkspace>['inboxById'];
  onOpen(id: string): void;
  t: ReturnType<typeof useApp>['t'];
}) {
  return (
    <ul className="mini-list">
      {items.map((c) => {
        const inbox = inboxById(c.inboxId);
        return (
          <li key={c.id}>
            <a
              href={`/inbox/${c.id}`}
              onClick={(e) => {
                e.preventDefault();
                onOpen(c.id);
              }}
            >
              <ChannelIcon type={inbox?.type} title={inbox?.name} />
              <span className="mini-list__main">
                <span className="mini-list__title">{c.contact?.name ?? ''}</span>
                <span className="muted mini-list__sub">{c.lastMessagePreview || '—'}</span>
              </span>
              <span className={`chip chip--${c.status}`}>{t(`ui.status.${c.status}`)}</span>
              <time className="muted">{formatListTime(c.lastMessageAt ?? c.createdAt, Date.now(), locale)}</time>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { Message } from '../api/types.js';
import { useApp } from '../app-context.js';
import type { KbSuggestion, KbSuggestionsResponse } from '../knowledge/types.js';
import { Icon } from '../ui/icons.js';
import { useLiveEvents, useResync } from '../workspace.js';

/** What a suggestion puts into the reply: the article's title and its public link. */
export function suggestionText(suggestion: Pick<KbSuggestion, 'title' | 'url'>): string {
  return `${suggestion.title}\n${suggestion.url}`;
}

/**
 * Up to three help-center articles that answer the customer's last message; found again whenever the
 * customer writes. A click puts the article's title and link into the reply.
 */
export function KnowledgeSuggestions({ conversationId, onInsert }: { conversationId: string; onInsert(text: string): void }) {
  const { t } = useApp();
  const [items, setItems] = useState<KbSuggestion[]>([]);

  const load = useCallback(() => {
    let stale = false;
    api
      .get<KbSuggestionsResponse>('/knowledge/suggestions', { conversationId })
      .then((r) => !stale && setItems(r.items))
      .catch(() => !stale && setItems([]));
    return () => {
      stale = true;
    };
  }, [conversationId]);

  useEffect(() => {
    setItems([]);
    return load();
  }, [load]);

  useLiveEvents((event) => {
    if (event.conversationId !== conversationId || event.type !== 'message.created') return;
    if ((event.payload as Message).messageType === 'incoming') load();
  });
  useResync(() => void load());

  if (!items.length) return null;
  return (
    <div className="knowledge-suggestions" role="group" aria-label={t('ui.kb.suggestions')}>
      <span className="knowledge-suggestions__label muted">
        <Icon name="book" size={12} /> {t('ui.kb.suggestions')}
      </span>
      {items.map((item) => (
        <button key={item.id} type="button" className="chip knowledge-suggestions__item" title={t('ui.kb.suggestion_insert', { title: item.title })} onClick={() => onInsert(suggestionText(item))}>
          {item.title}
        </button>
      ))}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { useLiveEvents } from '../workspace.js';
import type { ConversationSla, ConversationSlaView } from '../reports/types.js';
import { conversationSla } from './sla-state.js';

interface Cached {
  version: string;
  answer: Promise<ConversationSla | null>;
}

// One request per conversation and version, shared by the list row and the thread header.
const cache = new Map<string, Cached>();

function load(id: string, version: string): Promise<ConversationSla | null> {
  const hit = cache.get(id);
  if (hit && hit.version === version) return hit.answer;
  const answer = api.get<ConversationSlaView>(`/reports/conversations/${id}`).then(
    (view) => view.sla,
    () => null,
  );
  if (cache.size > 500) cache.clear();
  cache.set(id, { version, answer });
  return answer;
}

/**
 * A conversation's SLA clocks: from the view itself when the server includes them, else from the
 * reports API, loaded again when the conversation changes or one of its SLA events arrives.
 */
export function useConversationSla(conversation: { id: string; updatedAt?: string }): ConversationSla | null {
  const inline = 'sla' in conversation;
  const [sla, setSla] = useState<ConversationSla | null>(null);
  const [bump, setBump] = useState(0);
  const version = `${conversation.updatedAt ?? ''}#${bump}`;

  useLiveEvents((event) => {
    if (!inline && event.type.startsWith('sla.') && event.conversationId === conversation.id) {
      cache.delete(conversation.id);
      setBump((n) => n + 1);
    }
  });

  useEffect(() => {
    if (inline) return;
    let current = true;
    void load(conversation.id, version).then((value) => current && setSla(value));
    return () => {
      current = false;
    };
  }, [inline, conversation.id, version]);

  return inline ? conversationSla(conversation) : sla;
}

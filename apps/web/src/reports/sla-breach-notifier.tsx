import { useRef } from 'react';
import { useApp } from '../app-context.js';
import { useLiveEvents } from '../workspace.js';
import type { SlaAlert } from './types.js';

/** Tells an agent, wherever they are in the app, that a conversation of theirs has just missed its SLA. */
export function SlaBreachNotifier() {
  const { t, me, notify } = useApp();
  // The same breach can reach a browser through more than one room.
  const told = useRef(new Set<string>());
  useLiveEvents((event) => {
    if (event.type !== 'sla.breached' || !me) return;
    const alert = event.payload as SlaAlert;
    if (!alert || alert.assigneeId !== me.id) return;
    const key = `${alert.conversationId}:${alert.kind}:${alert.dueAt}`;
    if (told.current.has(key)) return;
    told.current.add(key);
    notify(t('ui.sla.breached_toast', { name: alert.contactName || t('ui.contact.unnamed'), kind: t(`ui.sla.kind.${alert.kind}`) }), 'error');
  });
  return null;
}

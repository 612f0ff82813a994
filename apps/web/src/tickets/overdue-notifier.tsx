import { useRef } from 'react';
import { useApp } from '../app-context.js';
import { useLiveEvents } from '../workspace.js';
import type { TicketOverdueAlert } from './types.js';

/** Tells an agent, wherever they are in the app, that a ticket of theirs (or of their inbox, when unassigned) is past its due date. */
export function TicketOverdueNotifier() {
  const { t, me, notify } = useApp();
  // One alert can reach a browser through more than one room.
  const told = useRef(new Set<string>());
  useLiveEvents((event) => {
    if (event.type !== 'ticket.overdue' || !me) return;
    const alert = event.payload as TicketOverdueAlert;
    if (!alert || (alert.assigneeId && alert.assigneeId !== me.id)) return;
    const key = `${alert.ticketId}:${alert.dueAt}`;
    if (told.current.has(key)) return;
    told.current.add(key);
    notify(t('ui.tickets.overdue_toast', { number: alert.number, name: alert.contactName || t('ui.contact.unnamed') }), 'error');
  });
  return null;
}

import { useEffect, useState } from 'react';
import { useApp } from '../app-context.js';
import { TicketList } from './ticket-list.js';
import { TicketReportView } from './ticket-report-view.js';
import { ticketsApi } from './tickets-api.js';

type Tab = 'list' | 'report';

/** Tickets: conversations marked as service work, listed with filters, and the per-type report. */
export function TicketsPage({ ticketId }: { ticketId: string | null }) {
  const { t, navigate, notify } = useApp();
  const [tab, setTab] = useState<Tab>('list');

  // A ticket's own address opens its conversation with the side panel, where the ticket is edited.
  useEffect(() => {
    if (!ticketId) return;
    ticketsApi
      .get(ticketId)
      .then((ticket) => navigate({ page: 'inbox', conversationId: ticket.conversationId, panel: true }))
      .catch((error: Error) => {
        notify(error.message, 'error');
        navigate({ page: 'tickets', ticketId: null });
      });
  }, [ticketId, navigate, notify]);

  return (
    <div className="tickets-page">
      <header className="page-head">
        <h1>{t('ui.tickets.title')}</h1>
        <div className="tabs tickets-page__tabs" role="tablist">
          {(['list', 'report'] as const).map((value) => (
            <button key={value} type="button" role="tab" aria-selected={tab === value} className={tab === value ? 'tab is-active' : 'tab'} onClick={() => setTab(value)}>
              {t(`ui.tickets.tab.${value}`)}
            </button>
          ))}
        </div>
      </header>
      {tab === 'list' ? <TicketList /> : <TicketReportView />}
    </div>
  );
}

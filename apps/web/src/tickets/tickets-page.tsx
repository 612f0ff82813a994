import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';

/** Tickets: conversations marked as service work. */
export function TicketsPage({ ticketId }: { ticketId: string | null }) {
  const { t } = useApp();
  void ticketId;
  return <Empty>{t('ui.not_found')}</Empty>;
}

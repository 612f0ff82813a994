import { t, type Locale } from '@app/i18n';
import { completionOf } from './checklist.js';
import type { TicketView } from './ticket-view.js';

/** The byte order mark makes Excel read the file as UTF-8 (Cyrillic names). */
const BOM = '\uFEFF';

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function ticketsCsv(items: TicketView[], userNames: Map<string, string>, locale: Locale): string {
  const head = (
    ['number', 'type', 'status', 'overdue', 'due', 'contact', 'assignee', 'checklist', 'created', 'closed'] as const
  ).map((column) => t(`ui.tickets.csv.${column}`, {}, locale));
  const rows = items.map((item) => {
    const checklist = completionOf(item.checklist);
    return [
      `#${item.number}`,
      t(`ticket.type.${item.type}`, {}, locale),
      t(`ui.status.${item.status}`, {}, locale),
      item.overdue ? t('ui.tickets.yes', {}, locale) : '',
      item.dueAt ?? '',
      item.contact.name,
      item.assigneeId ? (userNames.get(item.assigneeId) ?? '') : '',
      checklist.total ? `${checklist.done}/${checklist.total}` : '',
      item.createdAt,
      item.closedAt ?? '',
    ];
  });
  return BOM + [head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

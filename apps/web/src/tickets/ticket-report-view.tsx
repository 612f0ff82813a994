import { useEffect, useState } from 'react';
import { ApiError } from '../api/api-error.js';
import { useApp } from '../app-context.js';
import { addDays, browserTimezone, presetRange } from '../reports/date-range.js';
import { formatDuration, formatPercent } from '../reports/report-format.js';
import { Spinner } from '../ui/bits.js';
import { ticketsApi } from './tickets-api.js';
import type { TicketReport, TicketReportLine } from './types.js';

/** Per ticket type: opened and resolved in the period, open and overdue now, resolution times, checklist completion. */
export function TicketReportView() {
  const { t, locale } = useApp();
  const [timezone] = useState(browserTimezone);
  const [range, setRange] = useState(() => {
    const month = presetRange('this_month', new Date(), timezone);
    return { first: month.from, last: addDays(month.to, -1) };
  });
  const [report, setReport] = useState<TicketReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!range.first || !range.last) return;
    let current = true;
    const [first, last] = range.first <= range.last ? [range.first, range.last] : [range.last, range.first];
    setError(null);
    ticketsApi
      .report({ from: first, to: addDays(last, 1), timezone })
      .then((answer) => current && setReport(answer))
      .catch((caught) => current && setError(caught instanceof ApiError ? caught.message : String(caught)));
    return () => {
      current = false;
    };
  }, [range, timezone]);

  return (
    <section className="tickets-report" aria-label={t('ui.tickets.tab.report')}>
      <div className="tickets-filters">
        <label className="tickets-filters__date">
          {t('ui.tickets.report.from')}
          <input type="date" className="input input--compact" value={range.first} onChange={(e) => setRange((r) => ({ ...r, first: e.target.value }))} />
        </label>
        <label className="tickets-filters__date">
          {t('ui.tickets.report.to')}
          <input type="date" className="input input--compact" value={range.last} onChange={(e) => setRange((r) => ({ ...r, last: e.target.value }))} />
        </label>
      </div>
      <p className="muted tickets-report__hint">{t('ui.tickets.report.hint')}</p>
      {error ? (
        <p className="notice notice--error tickets-list__error" role="alert">
          {error}
        </p>
      ) : null}
      {!report && !error ? <Spinner label={t('ui.loading')} /> : null}
      {report ? (
        <table className="bots-table tickets-table" data-testid="ticket-report">
          <thead>
            <tr>
              <th>{t('ui.tickets.type')}</th>
              <th>{t('ui.tickets.report.opened')}</th>
              <th>{t('ui.tickets.report.resolved')}</th>
              <th>{t('ui.tickets.report.open_now')}</th>
              <th>{t('ui.tickets.report.overdue_now')}</th>
              <th>{t('ui.tickets.report.avg')}</th>
              <th>{t('ui.tickets.report.p50')}</th>
              <th>{t('ui.tickets.report.checklist')}</th>
            </tr>
          </thead>
          <tbody>
            {[...report.rows, report.total].map((line) => (
              <ReportRow key={line.type ?? 'total'} line={line} label={line.type ? t(`ticket.type.${line.type}`) : t('ui.tickets.report.total')} locale={locale} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function ReportRow({ line, label, locale }: { line: TicketReportLine; label: string; locale: 'ru' | 'en' }) {
  return (
    <tr className={line.type ? undefined : 'tickets-table__total'}>
      <td>{label}</td>
      <td className="bots-table__num">{line.opened}</td>
      <td className="bots-table__num">{line.resolved}</td>
      <td className="bots-table__num">{line.openNow}</td>
      <td className="bots-table__num">{line.overdueNow}</td>
      <td className="bots-table__num">{formatDuration(line.avgResolutionSeconds, locale)}</td>
      <td className="bots-table__num">{formatDuration(line.p50ResolutionSeconds, locale)}</td>
      <td className="bots-table__num">{line.checklistTotal ? `${formatPercent(line.checklistCompletion === null ? null : line.checklistCompletion * 100, locale)} (${line.checklistDone}/${line.checklistTotal})` : '—'}</td>
    </tr>
  );
}

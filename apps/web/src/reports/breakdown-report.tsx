import { useMemo, useState } from 'react';
import type { MessageKey } from '@app/i18n';
import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';
import { nextSort, sortRows, type BreakdownColumn, type BreakdownSort } from './breakdown-sort.js';
import { ExportButton } from './export-button.js';
import { formatDuration, formatNumber, formatPercent } from './report-format.js';
import type { ReportQuery } from './report-query.js';
import type { BreakdownDimension, BreakdownRow, ReportBreakdown } from './types.js';
import { useReport } from './use-report.js';
import { ReportLoadState } from './report-load-state.js';

const COLUMNS: Array<{ column: BreakdownColumn; label: MessageKey }> = [
  { column: 'label', label: 'ui.reports.col.name' },
  { column: 'conversationsOpened', label: 'ui.reports.kpi.opened' },
  { column: 'conversationsResolved', label: 'ui.reports.kpi.resolved' },
  { column: 'firstResponseAvg', label: 'ui.reports.col.first_response_avg' },
  { column: 'firstResponseP90', label: 'ui.reports.col.first_response_p90' },
  { column: 'replyAvg', label: 'ui.reports.col.reply_avg' },
  { column: 'resolutionAvg', label: 'ui.reports.col.resolution_avg' },
  { column: 'csatAverage', label: 'ui.reports.kpi.csat' },
  { column: 'slaHitRatePercent', label: 'ui.reports.kpi.sla_hit_rate' },
];

function Cell({ row, column }: { row: BreakdownRow; column: BreakdownColumn }) {
  const { locale } = useApp();
  switch (column) {
    case 'label':
      return <th scope="row">{row.label}</th>;
    case 'conversationsOpened':
      return <td>{formatNumber(row.conversationsOpened, locale, 0)}</td>;
    case 'conversationsResolved':
      return <td>{formatNumber(row.conversationsResolved, locale, 0)}</td>;
    case 'firstResponseAvg':
      return <td>{formatDuration(row.firstResponseTime.avg, locale)}</td>;
    case 'firstResponseP90':
      return <td>{formatDuration(row.firstResponseTime.p90, locale)}</td>;
    case 'replyAvg':
      return <td>{formatDuration(row.replyTime.avg, locale)}</td>;
    case 'resolutionAvg':
      return <td>{formatDuration(row.resolutionTime.avg, locale)}</td>;
    case 'csatAverage':
      return <td>{formatNumber(row.csatAverage, locale, 2)}</td>;
    case 'slaHitRatePercent':
      return <td>{formatPercent(row.slaHitRatePercent, locale)}</td>;
  }
}

/** Conversations, speed, CSAT and SLA per agent, team, inbox, channel or label; every column sorts. */
export function BreakdownReport({ dimension, query }: { dimension: BreakdownDimension; query: ReportQuery }) {
  const { t, locale } = useApp();
  const breakdownQuery = { ...query, dimension };
  const { data, error, retry } = useReport<ReportBreakdown>('/reports/breakdown', breakdownQuery);
  const [sort, setSort] = useState<BreakdownSort>({ column: 'conversationsOpened', descending: true });
  const rows = useMemo(() => sortRows(data?.rows ?? [], sort, locale), [data, sort, locale]);

  return (
    <div className="reports-body">
      <div className="reports-actions">
        <ExportButton query={{ ...breakdownQuery, report: 'breakdown' }} fileName={`breakdown-${dimension}.csv`} />
      </div>
      <ReportLoadState loaded={!!data} error={error} retry={retry} />
      {data && rows.length === 0 ? <Empty>{t('ui.reports.no_data')}</Empty> : null}
      {rows.length ? (
        <section className="reports-card reports-table-wrap">
          <table className="reports-table reports-table--sortable" data-testid="breakdown-table">
            <thead>
              <tr>
                {COLUMNS.map(({ column, label }) => (
                  <th key={column} scope="col" aria-sort={sort.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button type="button" className="reports-sort" onClick={() => setSort((s) => nextSort(s, column))}>
                      {t(label)}
                      <span aria-hidden="true">{sort.column === column ? (sort.descending ? ' ↓' : ' ↑') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  {COLUMNS.map(({ column }) => (
                    <Cell key={column} row={row} column={column} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

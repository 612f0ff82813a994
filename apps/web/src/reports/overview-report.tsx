import { useApp } from '../app-context.js';
import type { DateRange } from './date-range.js';
import { ExportButton } from './export-button.js';
import { KpiGrid, KpiTile } from './kpi-tile.js';
import { formatDuration, formatNumber, formatPercent } from './report-format.js';
import type { ReportQuery } from './report-query.js';
import { TimeseriesCard } from './timeseries-card.js';
import type { ReportSummary, Stat } from './types.js';
import { useReport } from './use-report.js';
import { ReportLoadState } from './report-load-state.js';

function StatHint({ stat }: { stat: Stat }) {
  const { t, locale } = useApp();
  return <>{t('ui.reports.stat_hint', { p50: formatDuration(stat.p50, locale), p90: formatDuration(stat.p90, locale), n: stat.count })}</>;
}

/** Support at a glance: volume, speed, quality and SLA for the period, with charts over time. */
export function OverviewReport({ query, range }: { query: ReportQuery; range: DateRange }) {
  const { t, locale } = useApp();
  const { data, error, retry } = useReport<ReportSummary>('/reports/summary', query);
  const n = (value: number | null | undefined) => formatNumber(value, locale);
  const d = (value: number | null | undefined) => formatDuration(value, locale);

  return (
    <div className="reports-body">
      <div className="reports-actions">
        <ExportButton query={{ ...query, report: 'summary' }} fileName="summary.csv" />
      </div>
      <ReportLoadState loaded={!!data} error={error} retry={retry} />
      {data ? (
        <>
          <KpiGrid title={t('ui.reports.group.volume')}>
            <KpiTile label={t('ui.reports.kpi.opened')} value={n(data.conversationsOpened)} testId="kpi-opened" />
            <KpiTile label={t('ui.reports.kpi.resolved')} value={n(data.conversationsResolved)} />
            <KpiTile label={t('ui.reports.kpi.incoming')} value={n(data.incomingMessages)} />
            <KpiTile label={t('ui.reports.kpi.outgoing')} value={n(data.outgoingMessages)} />
            <KpiTile label={t('ui.reports.kpi.bot_resolutions')} value={n(data.botResolutions)} hint={t('ui.reports.kpi.bot_handoffs', { n: data.botHandoffs })} />
          </KpiGrid>
          <KpiGrid title={t('ui.reports.group.speed')}>
            <KpiTile label={t('ui.reports.kpi.first_response')} value={d(data.firstResponseTime.avg)} hint={<StatHint stat={data.firstResponseTime} />} testId="kpi-first-response" />
            <KpiTile label={t('ui.reports.kpi.reply_time')} value={d(data.replyTime.avg)} hint={<StatHint stat={data.replyTime} />} />
            <KpiTile label={t('ui.reports.kpi.resolution_time')} value={d(data.resolutionTime.avg)} hint={<StatHint stat={data.resolutionTime} />} />
            <KpiTile label={t('ui.reports.kpi.replies_to_resolve')} value={n(data.repliesToResolve)} />
          </KpiGrid>
          <KpiGrid title={t('ui.reports.group.quality')}>
            <KpiTile label={t('ui.reports.kpi.csat')} value={formatNumber(data.csat.average, locale, 2)} hint={t('ui.reports.kpi.csat_hint', { percent: formatPercent(data.csat.satisfiedPercent, locale), n: data.csat.responses })} />
            <KpiTile
              label={t('ui.reports.kpi.nps')}
              value={formatNumber(data.nps.score, locale, 0)}
              hint={t('ui.reports.kpi.nps_hint', { promoters: data.nps.promoters, passives: data.nps.passives, detractors: data.nps.detractors })}
            />
            <KpiTile
              label={t('ui.reports.kpi.sla_hit_rate')}
              value={formatPercent(data.sla.hitRatePercent, locale)}
              hint={t('ui.reports.kpi.sla_hint', { hit: data.sla.hit, missed: data.sla.missed, active: data.sla.active })}
            />
          </KpiGrid>
          <div className="reports-charts">
            <TimeseriesCard query={query} range={range} initialMetric="conversationsOpened" testId="chart-volume" />
            <TimeseriesCard query={query} range={range} initialMetric="firstResponseTime" testId="chart-speed" />
          </div>
        </>
      ) : null}
    </div>
  );
}

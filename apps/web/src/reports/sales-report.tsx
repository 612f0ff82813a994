import { useState } from 'react';
import { useApp } from '../app-context.js';
import { rangeMonth, type DateRange } from './date-range.js';
import { ExportButton } from './export-button.js';
import { KpiGrid, KpiTile } from './kpi-tile.js';
import { formatDays, formatMoneyValue, formatNumber, formatPercent } from './report-format.js';
import type { ReportQuery } from './report-query.js';
import { FunnelCard, RevenueByChannelCard } from './sales-charts.js';
import { SalesInputsForm } from './sales-inputs-form.js';
import type { ReportSummary } from './types.js';
import { useReport } from './use-report.js';
import { ReportLoadState } from './report-load-state.js';

/** Sales: the funnel, revenue, unit economics and customer loyalty for the period. */
export function SalesReport({ query, range }: { query: ReportQuery; range: DateRange }) {
  const { t, locale } = useApp();
  const [version, setVersion] = useState(0);
  const { data, error, retry } = useReport<ReportSummary>('/reports/summary', query, version);
  const money = (value: number | null | undefined) => formatMoneyValue(value, locale);
  const percent = (value: number | null | undefined) => formatPercent(value, locale);

  return (
    <div className="reports-body">
      <div className="reports-actions">
        <ExportButton query={{ ...query, report: 'summary' }} fileName="sales.csv" />
      </div>
      <ReportLoadState loaded={!!data} error={error} retry={retry} />
      {data ? (
        <>
          <KpiGrid title={t('ui.reports.group.sales')}>
            <KpiTile label={t('ui.reports.kpi.revenue')} value={money(data.revenue)} testId="kpi-revenue" />
            <KpiTile label={t('ui.reports.kpi.won_deals')} value={formatNumber(data.wonDeals, locale, 0)} />
            <KpiTile label={t('ui.reports.kpi.leads')} value={formatNumber(data.leads, locale, 0)} hint={t('ui.reports.kpi.lead_conversion', { percent: percent(data.leadConversionRate) })} />
            <KpiTile label={t('ui.reports.kpi.win_rate')} value={percent(data.winRate)} />
            <KpiTile label={t('ui.reports.kpi.aov')} value={money(data.averageOrderValue)} />
            <KpiTile label={t('ui.reports.kpi.sales_cycle')} value={formatDays(data.salesCycleDays, locale)} />
          </KpiGrid>
          <div className="reports-charts">
            <FunnelCard funnel={data.funnel} />
            <RevenueByChannelCard rows={data.revenueByChannel} />
          </div>
          <KpiGrid title={t('ui.reports.group.economics')}>
            <KpiTile label={t('ui.reports.kpi.new_customers')} value={formatNumber(data.newCustomers, locale, 0)} />
            <KpiTile label={t('ui.reports.kpi.cac')} value={money(data.cac)} hint={t('ui.reports.kpi.cac_hint')} />
            <KpiTile label={t('ui.reports.kpi.ltv')} value={money(data.ltv)} />
            <KpiTile label={t('ui.reports.kpi.retention')} value={percent(data.retentionRate)} />
            <KpiTile label={t('ui.reports.kpi.churn')} value={percent(data.churnRate)} />
            <KpiTile label={t('ui.reports.kpi.roi')} value={percent(data.roi)} hint={t('ui.reports.kpi.roi_hint')} />
          </KpiGrid>
          <KpiGrid title={t('ui.reports.group.loyalty')}>
            <KpiTile label={t('ui.reports.kpi.csat')} value={formatNumber(data.csat.average, locale, 2)} hint={t('ui.reports.kpi.csat_hint', { percent: percent(data.csat.satisfiedPercent), n: data.csat.responses })} />
            <KpiTile
              label={t('ui.reports.kpi.nps')}
              value={formatNumber(data.nps.score, locale, 0)}
              hint={t('ui.reports.kpi.nps_hint', { promoters: data.nps.promoters, passives: data.nps.passives, detractors: data.nps.detractors })}
            />
          </KpiGrid>
        </>
      ) : null}
      <SalesInputsForm month={rangeMonth(range)} onSaved={() => setVersion((v) => v + 1)} />
    </div>
  );
}

import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApp } from '../app-context.js';
import { Spinner } from '../ui/bits.js';
import { formatBucket, formatMetric, GROUP_BY, METRIC_KIND, METRICS } from './chart-format.js';
import { addDays, type DateRange } from './date-range.js';
import { ExportButton } from './export-button.js';
import { defaultGroupBy, type ReportQuery } from './report-query.js';
import type { ReportGroupBy, ReportTimeseries, TimeseriesMetric } from './types.js';
import { useReport } from './use-report.js';

interface Props {
  query: ReportQuery;
  range: DateRange;
  initialMetric: TimeseriesMetric;
  testId: string;
}

/** One metric over time: bars for counts, a line for durations, scores and money. */
export function TimeseriesCard({ query, range, initialMetric, testId }: Props) {
  const { t, locale } = useApp();
  const [metric, setMetric] = useState<TimeseriesMetric>(initialMetric);
  const [chosenGroupBy, setGroupBy] = useState<ReportGroupBy | null>(null);
  const groupBy = chosenGroupBy ?? defaultGroupBy(range);
  const seriesQuery = { ...query, metric, groupBy };
  const { data, error, loading } = useReport<ReportTimeseries>('/reports/timeseries', seriesQuery);
  const oneDay = addDays(range.from, 1) === range.to;
  const points = (data?.points ?? []).map((p) => ({ label: formatBucket(p.bucket, groupBy, range.timezone, locale, oneDay), value: p.value }));
  const format = (value: unknown) => formatMetric(metric, typeof value === 'number' ? value : null, locale);
  const name = t(`ui.reports.metric.${metric}`);
  const axis = { fontSize: 11, fill: '#6b7488' };

  return (
    <section className="reports-card reports-chart" data-testid={testId}>
      <header className="reports-card__head">
        <select className="input input--compact" aria-label={t('ui.reports.chart.metric')} value={metric} onChange={(e) => setMetric(e.target.value as TimeseriesMetric)}>
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {t(`ui.reports.metric.${m}`)}
            </option>
          ))}
        </select>
        <select className="input input--compact" aria-label={t('ui.reports.chart.group_by')} value={groupBy} onChange={(e) => setGroupBy(e.target.value as ReportGroupBy)}>
          {GROUP_BY.map((g) => (
            <option key={g} value={g}>
              {t(`ui.reports.group_by.${g}`)}
            </option>
          ))}
        </select>
        <ExportButton query={{ ...seriesQuery, report: 'timeseries' }} fileName={`timeseries-${metric}.csv`} />
      </header>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      {!data && loading ? <Spinner label={t('ui.loading')} /> : null}
      {data ? (
        <div className="reports-chart__plot" aria-label={name} role="img">
          <ResponsiveContainer width="100%" height={260}>
            {METRIC_KIND[metric] === 'count' ? (
              <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" tick={axis} minTickGap={12} />
                <YAxis tick={axis} allowDecimals={false} width={48} />
                <Tooltip formatter={(value) => [format(value), name]} />
                <Bar dataKey="value" name={name} fill="#2f6fed" radius={[4, 4, 0, 0]} isAnimationActive={false} />
              </BarChart>
            ) : (
              <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" tick={axis} minTickGap={12} />
                <YAxis tick={axis} width={72} tickFormatter={(v: number) => format(v)} />
                <Tooltip formatter={(value) => [format(value), name]} />
                <Line type="monotone" dataKey="value" name={name} stroke="#1f9d63" strokeWidth={2} dot={points.length < 40} connectNulls isAnimationActive={false} />
              </LineChart>
            )}
          </ResponsiveContainer>
        </div>
      ) : null}
    </section>
  );
}

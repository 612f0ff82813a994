import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';
import { formatDays, formatMoneyValue, formatNumber, formatPercent } from './report-format.js';
import type { ReportSummary } from './types.js';

const axis = { fontSize: 11, fill: '#6b7488' };

/** How many deals entered each stage, what share went on, and how long they stayed. */
export function FunnelCard({ funnel }: { funnel: ReportSummary['funnel'] }) {
  const { t, locale } = useApp();
  const entered = t('ui.reports.funnel.entered');
  return (
    <section className="reports-card" data-testid="chart-funnel">
      <h2 className="reports-card__title">{t('ui.reports.funnel.title')}</h2>
      {funnel.length === 0 ? (
        <Empty>{t('ui.reports.no_data')}</Empty>
      ) : (
        <div className="reports-split">
          <div className="reports-chart__plot" role="img" aria-label={t('ui.reports.funnel.title')}>
            <ResponsiveContainer width="100%" height={Math.max(160, funnel.length * 44)}>
              <BarChart data={funnel} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" tick={axis} allowDecimals={false} />
                <YAxis type="category" dataKey="name" tick={axis} width={120} />
                <Tooltip formatter={(value) => [formatNumber(Number(value), locale, 0), entered]} />
                <Bar dataKey="entered" name={entered} fill="#2f6fed" radius={[0, 4, 4, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="reports-table">
            <thead>
              <tr>
                <th scope="col">{t('ui.reports.funnel.stage')}</th>
                <th scope="col">{entered}</th>
                <th scope="col">{t('ui.reports.funnel.conversion')}</th>
                <th scope="col">{t('ui.reports.funnel.days_in_stage')}</th>
              </tr>
            </thead>
            <tbody>
              {funnel.map((stage) => (
                <tr key={stage.stageId}>
                  <th scope="row">{stage.name}</th>
                  <td>{formatNumber(stage.entered, locale, 0)}</td>
                  <td>{formatPercent(stage.conversionToNextPercent, locale)}</td>
                  <td>{formatDays(stage.avgDaysInStage, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Won revenue by the channel the customer came through. */
export function RevenueByChannelCard({ rows }: { rows: ReportSummary['revenueByChannel'] }) {
  const { t, locale } = useApp();
  const revenue = t('ui.reports.kpi.revenue');
  return (
    <section className="reports-card" data-testid="chart-revenue-channel">
      <h2 className="reports-card__title">{t('ui.reports.revenue_by_channel')}</h2>
      {rows.length === 0 ? (
        <Empty>{t('ui.reports.no_data')}</Empty>
      ) : (
        <div className="reports-chart__plot" role="img" aria-label={t('ui.reports.revenue_by_channel')}>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="channel" tick={axis} />
              <YAxis tick={axis} width={80} tickFormatter={(v: number) => formatMoneyValue(v, locale)} />
              <Tooltip formatter={(value) => [formatMoneyValue(Number(value), locale), revenue]} />
              <Bar dataKey="revenue" name={revenue} fill="#1f9d63" radius={[4, 4, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}

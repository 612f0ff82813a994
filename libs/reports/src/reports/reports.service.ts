import { Injectable } from '@nestjs/common';
import type { BreakdownDimension, ReportBreakdown, ReportGroupBy, ReportInputs, ReportSummary, ReportTimeseries, TimeseriesMetric } from '../reports.contract.js';
import type { ReportFiltersQuery } from './dto/report-query.dto.js';
import {
  averageOrderValue,
  churnRate,
  customerAcquisitionCost,
  customerLifetimeValue,
  funnelConversions,
  leadConversionRate,
  npsScore,
  retentionRate,
  returnOnInvestment,
  winRate,
} from './kpi.js';
import { ReportInputsRepository } from './report-inputs.repository.js';
import type { ReportFilters } from './report-filters.js';
import { MAX_DAYS, monthsOf, resolvePeriod, toZonedIso, type ReportPeriod } from './report-period.js';
import { ReportsRepository } from './reports.repository.js';
import { FactsService } from '../facts/facts.service.js';

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null);
const DAYS_PER_MONTH = 30.4375;

function filtersOf(q: ReportFiltersQuery): ReportFilters {
  return { inboxId: q.inboxId, teamId: q.teamId, agentId: q.agentId, channel: q.channel, label: q.label, businessHours: q.businessHours === 'true' };
}

/** The figures of a period: response times, volumes, satisfaction, SLA and the CRM KPIs. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly inputs: ReportInputsRepository,
    private readonly facts: FactsService,
  ) {}

  async summary(q: ReportFiltersQuery): Promise<ReportSummary> {
    await this.facts.ensureBackfilled();
    const period = resolvePeriod(q);
    const filters = filtersOf(q);
    const [figures, revenueByChannel, funnel, entered] = await Promise.all([
      this.reports.periodFigures(period, filters),
      this.reports.revenueByChannel(period, filters),
      this.reports.funnel(period, filters),
      this.inputs.total(monthsOf(period)),
    ]);
    const { deals, sla } = figures;
    const npsResponses = figures.promoters + figures.passives + figures.detractors;
    const periodMonths = (period.to.getTime() - period.from.getTime()) / 86_400_000 / DAYS_PER_MONTH;
    const monthlyRevenuePerCustomer = deals.customersInPeriod > 0 ? deals.revenue / deals.customersInPeriod / periodMonths : null;
    return {
      period: this.periodView(period),
      firstResponseTime: figures.firstResponse,
      replyTime: figures.reply,
      resolutionTime: figures.resolution,
      repliesToResolve: figures.repliesToResolve,
      conversationsOpened: figures.opened,
      conversationsResolved: figures.resolved,
      incomingMessages: figures.incoming,
      outgoingMessages: figures.outgoing,
      botResolutions: figures.botResolutions,
      botHandoffs: figures.botHandoffs,
      csat: { average: figures.csatAverage, responses: figures.csatResponses, satisfiedPercent: percent(figures.csatSatisfied, figures.csatResponses) },
      nps: { score: npsScore({ ...figures, responses: npsResponses }), promoters: figures.promoters, passives: figures.passives, detractors: figures.detractors, responses: npsResponses },
      leads: deals.leads,
      wonDeals: deals.won,
      leadConversionRate: leadConversionRate(deals.won, deals.leads),
      winRate: winRate(deals.won, deals.lost),
      averageOrderValue: averageOrderValue(deals.revenue, deals.won),
      salesCycleDays: deals.salesCycleDays,
      revenue: deals.revenue,
      revenueByChannel,
      funnel: this.funnelView(funnel),
      newCustomers: deals.newCustomers,
      cac: customerAcquisitionCost(entered.marketingSpend, entered.salesSpend, deals.newCustomers),
      ltv: customerLifetimeValue(monthlyRevenuePerCustomer, deals.averageRelationshipMonths),
      retentionRate: retentionRate(deals.retained, deals.customersAtStart),
      churnRate: churnRate(deals.retained, deals.customersAtStart),
      roi: returnOnInvestment(deals.revenue, entered.baselineRevenue, entered.crmCost),
      sla: { ...sla, hitRatePercent: percent(sla.hit, sla.hit + sla.missed) },
    };
  }

  async timeseries(q: ReportFiltersQuery & { metric: TimeseriesMetric; groupBy: ReportGroupBy }): Promise<ReportTimeseries> {
    await this.facts.ensureBackfilled();
    const period = resolvePeriod(q, MAX_DAYS[q.groupBy]);
    const points = await this.reports.timeseries(period, filtersOf(q), q.metric, q.groupBy);
    return { metric: q.metric, groupBy: q.groupBy, timezone: period.timezone, points: points.map((p) => ({ bucket: toZonedIso(p.bucket, period.timezone), value: p.value })) };
  }

  async breakdown(q: ReportFiltersQuery & { dimension: BreakdownDimension }): Promise<ReportBreakdown> {
    await this.facts.ensureBackfilled();
    const period = resolvePeriod(q);
    const rows = await this.reports.breakdown(period, filtersOf(q), q.dimension);
    return {
      dimension: q.dimension,
      rows: rows
        .map((r) => ({
          key: r.key,
          label: r.label,
          conversationsOpened: r.opened,
          conversationsResolved: r.resolved,
          firstResponseTime: r.firstResponse,
          replyTime: r.reply,
          resolutionTime: r.resolution,
          csatAverage: r.csatAverage,
          slaHitRatePercent: percent(r.slaHit, r.slaHit + r.slaMissed),
        }))
        .sort((a, b) => b.conversationsOpened - a.conversationsOpened || a.label.localeCompare(b.label)),
    };
  }

  getInputs(month: string): Promise<ReportInputs> {
    return this.inputs.get(month);
  }

  saveInputs(month: string, values: Partial<Omit<ReportInputs, 'month'>>, userId: string | null): Promise<ReportInputs> {
    return this.inputs.save(month, values, userId);
  }

  private periodView(p: ReportPeriod) {
    return { from: toZonedIso(p.from, p.timezone), to: toZonedIso(p.to, p.timezone), timezone: p.timezone };
  }

  private funnelView(rows: Awaited<ReturnType<ReportsRepository['funnel']>>): ReportSummary['funnel'] {
    const byPipeline = new Map<string, typeof rows>();
    for (const row of rows) byPipeline.set(row.pipelineId, [...(byPipeline.get(row.pipelineId) ?? []), row]);
    return [...byPipeline.values()].flatMap((stages) => {
      const conversions = funnelConversions(stages.map((s) => s.entered));
      return stages.map((s, i) => ({ ...s, conversionToNextPercent: conversions[i] }));
    });
  }
}

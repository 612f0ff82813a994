import { z } from 'zod';
import { BREAKDOWN_DIMENSIONS, REPORT_GROUP_BY, TIMESERIES_METRICS } from '../../reports.contract.js';

/** A date (`2026-11-01`, midnight in the report's time zone) or a full ISO date-time. */
const moment = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const reportFiltersSchema = z.object({
  from: moment,
  to: moment,
  timezone: z.string().trim().min(1).max(64).optional(),
  inboxId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  channel: z.string().trim().min(1).max(32).optional(),
  label: z.string().trim().min(1).max(50).optional(),
  businessHours: z.enum(['true', 'false']).optional(),
});
export type ReportFiltersQuery = z.infer<typeof reportFiltersSchema>;

export const timeseriesQuerySchema = reportFiltersSchema.extend({
  metric: z.enum(TIMESERIES_METRICS),
  groupBy: z.enum(REPORT_GROUP_BY).default('day'),
});
export type TimeseriesQuery = z.infer<typeof timeseriesQuerySchema>;

export const breakdownQuerySchema = reportFiltersSchema.extend({ dimension: z.enum(BREAKDOWN_DIMENSIONS) });
export type BreakdownQuery = z.infer<typeof breakdownQuerySchema>;

export const exportQuerySchema = reportFiltersSchema.extend({
  report: z.enum(['summary', 'breakdown', 'timeseries']),
  metric: z.enum(TIMESERIES_METRICS).optional(),
  groupBy: z.enum(REPORT_GROUP_BY).default('day'),
  dimension: z.enum(BREAKDOWN_DIMENSIONS).default('agent'),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

const money = z.number().min(0).max(1e12);
export const reportInputsQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) });
export const reportInputsSchema = reportInputsQuerySchema.extend({
  marketingSpend: money.optional(),
  salesSpend: money.optional(),
  crmCost: money.optional(),
  baselineRevenue: money.optional(),
});
export type ReportInputsBody = z.infer<typeof reportInputsSchema>;

/**
 * The REST contract of SLA policies, reports and the live dashboard, shared with the web app (type-only imports).
 * Durations are seconds or null when there is no data; percentages are 0..100 or null; money is in the workspace currency.
 */
export interface Stat {
  avg: number | null;
  p50: number | null;
  p90: number | null;
  count: number;
}

export type ReportChannel = string;
export type SlaKind = 'first_response' | 'next_response' | 'resolution';
export type SlaStatus = 'active' | 'hit' | 'missed' | 'active_with_misses';
export type ConversationPriority = 'low' | 'medium' | 'high' | 'urgent';

/** Query filters common to summary, timeseries, breakdown and export (`to` is exclusive). */
export interface ReportFilters {
  from: string;
  to: string;
  timezone?: string;
  inboxId?: string;
  teamId?: string;
  agentId?: string;
  channel?: ReportChannel;
  label?: string;
  /** 'true' = durations in business time. */
  businessHours?: 'true' | 'false';
}

export interface CsatSummary {
  average: number | null;
  responses: number;
  /** Share of ratings 4 and 5. */
  satisfiedPercent: number | null;
}

export interface NpsSummary {
  /** % promoters (9-10) minus % detractors (0-6), -100..100. */
  score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  responses: number;
}

export interface FunnelStage {
  pipelineId: string;
  stageId: string;
  name: string;
  entered: number;
  conversionToNextPercent: number | null;
  avgDaysInStage: number | null;
}

export interface RevenueByChannel {
  channel: ReportChannel;
  revenue: number;
  deals: number;
}

export interface SlaSummary {
  hit: number;
  missed: number;
  active: number;
  hitRatePercent: number | null;
}

export interface ReportSummary {
  period: { from: string; to: string; timezone: string };
  firstResponseTime: Stat;
  replyTime: Stat;
  resolutionTime: Stat;
  repliesToResolve: number | null;
  conversationsOpened: number;
  conversationsResolved: number;
  incomingMessages: number;
  outgoingMessages: number;
  botResolutions: number;
  botHandoffs: number;
  csat: CsatSummary;
  nps: NpsSummary;
  leads: number;
  wonDeals: number;
  leadConversionRate: number | null;
  winRate: number | null;
  averageOrderValue: number | null;
  salesCycleDays: number | null;
  revenue: number;
  revenueByChannel: RevenueByChannel[];
  funnel: FunnelStage[];
  newCustomers: number;
  cac: number | null;
  ltv: number | null;
  retentionRate: number | null;
  churnRate: number | null;
  roi: number | null;
  sla: SlaSummary;
}

export const TIMESERIES_METRICS = [
  'conversationsOpened',
  'conversationsResolved',
  'incomingMessages',
  'outgoingMessages',
  'firstResponseTime',
  'replyTime',
  'resolutionTime',
  'csat',
  'revenue',
  'slaMissed',
] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];

export const REPORT_GROUP_BY = ['hour', 'day', 'week', 'month'] as const;
export type ReportGroupBy = (typeof REPORT_GROUP_BY)[number];

export interface TimeseriesPoint {
  /** ISO start of the bucket in the requested time zone (with its offset). */
  bucket: string;
  value: number | null;
}

export interface ReportTimeseries {
  metric: TimeseriesMetric;
  groupBy: ReportGroupBy;
  timezone: string;
  points: TimeseriesPoint[];
}

export const BREAKDOWN_DIMENSIONS = ['agent', 'team', 'inbox', 'channel', 'label'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface BreakdownRow {
  key: string;
  label: string;
  conversationsOpened: number;
  conversationsResolved: number;
  firstResponseTime: Stat;
  replyTime: Stat;
  resolutionTime: Stat;
  csatAverage: number | null;
  slaHitRatePercent: number | null;
}

export interface ReportBreakdown {
  dimension: BreakdownDimension;
  rows: BreakdownRow[];
}

export type ExportReport = 'summary' | 'breakdown' | 'timeseries';

/** Figures the user enters per month for CAC and ROI. */
export interface ReportInputs {
  /** YYYY-MM */
  month: string;
  marketingSpend: number;
  salesSpend: number;
  crmCost: number;
  baselineRevenue: number;
}

export type ReportInputsUpdate = { month: string } & Partial<Omit<ReportInputs, 'month'>>;

export interface SlaAlert {
  conversationId: string;
  kind: SlaKind;
  dueAt: string;
  assigneeId: string | null;
  inboxId: string;
  contactName: string | null;
}

export interface SlaHitEvent {
  conversationId: string;
  kind: SlaKind;
}

export interface LiveAgent {
  userId: string;
  name: string;
  presence: 'online' | 'busy' | 'offline';
  openConversations: number;
  capacity: number | null;
}

export interface LiveDashboard {
  generatedAt: string;
  open: number;
  unassigned: number;
  /** Open conversations where the customer spoke last. */
  waiting: number;
  longestWait: { seconds: number; conversationId: string } | null;
  agents: LiveAgent[];
  slaBreaches: SlaAlert[];
  slaWarnings: SlaAlert[];
}

export interface SlaConditions {
  inboxIds?: string[];
  teamIds?: string[];
  priorities?: ConversationPriority[];
  labels?: string[];
}

export interface SlaPolicy {
  id: string;
  name: string;
  active: boolean;
  position: number;
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  businessHoursOnly: boolean;
  /** Percent of the allowed time after which a warning fires; default 80. */
  warningPercent: number;
  conditions: SlaConditions;
  createdAt: string;
  updatedAt: string;
}

export type SlaPolicyInput = Omit<SlaPolicy, 'id' | 'createdAt' | 'updatedAt' | 'position' | 'active' | 'warningPercent'> & {
  active?: boolean;
  position?: number;
  warningPercent?: number;
};

export interface SlaPolicyList {
  items: SlaPolicy[];
  nextCursor: string | null;
}

/** Added to conversation views. */
export interface ConversationSla {
  policyId: string;
  status: SlaStatus;
  firstResponseDueAt: string | null;
  nextResponseDueAt: string | null;
  resolutionDueAt: string | null;
}

/** Added to conversation views. */
export interface ConversationRating {
  csat: number | null;
  nps: number | null;
  comment: string | null;
}

export interface ConversationSlaView {
  sla: ConversationSla | null;
  rating: ConversationRating | null;
}

export interface CsatSettings {
  inboxId: string;
  enabled: boolean;
  askNps: boolean;
}

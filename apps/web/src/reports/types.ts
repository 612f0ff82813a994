/** The reports, dashboard and SLA shapes the web app uses: one contract with the server. */
// The browser takes only the wire types, not the lib's index (which brings the Nest server with it).
// eslint-disable-next-line no-restricted-imports
export type {
  BreakdownDimension,
  BreakdownRow,
  ConversationPriority,
  ConversationSla,
  ConversationSlaView,
  FunnelStage,
  LiveAgent,
  LiveDashboard,
  ReportBreakdown,
  ReportFilters,
  ReportGroupBy,
  ReportInputs,
  ReportInputsUpdate,
  ReportSummary,
  ReportTimeseries,
  SlaAlert,
  SlaConditions,
  SlaKind,
  SlaPolicy,
  SlaPolicyInput,
  SlaPolicyList,
  Stat,
  TimeseriesMetric,
} from '../../../../libs/reports/src/reports.contract.js';

import type { InboxAccessService } from '@app/auth';
import type { Db } from '@app/db';
import { ReportsClock } from './clock.js';
import { DashboardRepository } from './dashboard/dashboard.repository.js';
import { DashboardService } from './dashboard/dashboard.service.js';
import type { FactsService } from './facts/facts.service.js';
import { ReportInputsRepository } from './reports/report-inputs.repository.js';
import { ReportsRepository } from './reports/reports.repository.js';
import { ReportsService } from './reports/reports.service.js';

/** The report and dashboard queries on a database, without the HTTP stack (benchmarks, scripts); the dashboard sees every inbox. */
export function reportQueries(db: Db) {
  const everyInbox = { visibleInboxIds: async () => null } as unknown as InboxAccessService;
  // Callers write the facts themselves (the benchmark seeds them), so there is nothing to fill in.
  const factsInPlace = { ensureBackfilled: async () => undefined } as unknown as FactsService;
  return {
    reports: new ReportsService(new ReportsRepository(db), new ReportInputsRepository(db), factsInPlace),
    dashboard: new DashboardService(new DashboardRepository(db), everyInbox, new ReportsClock(), factsInPlace),
  };
}

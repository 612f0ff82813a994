import type { DynamicModule } from '@nestjs/common';
import type { Locale } from '@app/i18n';

export interface ReportsModuleOptions {
  /** This process consumes queue jobs: it re-arms SLA timers at start-up and sweeps overdue ones. */
  runsJobs: boolean;
  /** The language of rating requests sent to customers. */
  defaultLocale: Locale;
  /** The routing module instance of this process, whose business hours the SLA clocks and reports use. */
  routing: DynamicModule;
}

export const REPORTS_OPTIONS = Symbol('REPORTS_OPTIONS');

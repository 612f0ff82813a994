export interface TicketsModuleOptions {
  /** This process consumes queue jobs: it sweeps for tickets coming due and arms their timers. */
  runsJobs: boolean;
}

export const TICKETS_OPTIONS = Symbol('TICKETS_OPTIONS');

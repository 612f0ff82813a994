export interface TriggersModuleOptions {
  /** This process consumes queue jobs: it keeps the periodic sweep scheduled. */
  runsJobs: boolean;
}

export const TRIGGERS_OPTIONS = Symbol('TRIGGERS_OPTIONS');

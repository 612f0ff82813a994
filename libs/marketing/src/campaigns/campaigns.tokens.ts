export const CAMPAIGNS_RUNTIME = Symbol('CAMPAIGNS_RUNTIME');

export interface CampaignsRuntime {
  /** This process consumes jobs: it resumes running campaigns at start-up. */
  runsJobs: boolean;
}

import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { postgresMissingReason, startPostgres, type RunningPostgres } from './postgres-server.js';
import { redisMissingReason } from './redis-server.js';
import { RELIABILITY_REPORT } from './reliability-report.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL 15 server started for this run, or null when it could not be. */
    pgAdminUrl: string | null;
    pgMissingReason: string | null;
  }
}

let server: RunningPostgres | undefined;

/**
 * Starts one PostgreSQL server for the whole run (each suite creates its own database in it).
 * Under CI=true a missing server fails the run instead of skipping the PostgreSQL suites.
 */
export default async function setup(project: TestProject) {
  // Each run reports its own reliability counts; a previous run's must not show up in this run's table.
  rmSync(RELIABILITY_REPORT, { force: true });
  const external = process.env.TEST_PG_ADMIN_URL;
  let reason = external ? null : postgresMissingReason();
  if (!external && !reason) {
    try {
      server = await startPostgres();
    } catch (error) {
      reason = `could not start PostgreSQL: ${(error as Error).message}`;
    }
  }
  if (reason && process.env.CI) throw new Error(`PostgreSQL suites cannot run under CI: ${reason}`);
  if (reason) console.warn(`\n[test] PostgreSQL suites will be skipped: ${reason}\n`);
  // Redis suites start their own server; this only says up front why they will be skipped (under CI they fail instead).
  const redisReason = redisMissingReason();
  if (redisReason && !process.env.CI) console.warn(`\n[test] Redis suites will be skipped: ${redisReason}\n`);
  project.provide('pgAdminUrl', external ?? server?.url ?? null);
  project.provide('pgMissingReason', reason);
  return () => server?.stop();
}

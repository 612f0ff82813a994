import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@app/db';

export interface DatabaseTarget {
  name: 'pglite' | 'postgresql';
  /** Why this target cannot run here (only ever set outside CI). */
  skipReason: string | null;
  /** A fresh, migrated, empty database; close it when done. */
  open(): Promise<DatabaseHandle>;
}

export async function createDatabaseOnServer(adminUrl: string): Promise<string> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export const pgliteTarget: DatabaseTarget = {
  name: 'pglite',
  skipReason: null,
  open: () => openDatabase({ pgliteDataDir: 'memory://' }),
};

export function postgresTarget(): DatabaseTarget {
  const adminUrl = inject('pgAdminUrl');
  return {
    name: 'postgresql',
    skipReason: adminUrl ? null : inject('pgMissingReason'),
    open: async () => openDatabase({ databaseUrl: await createDatabaseOnServer(adminUrl!), poolSize: 5 }),
  };
}

/**
 * Repository suites run once per target: `describe.each(databaseTargets())('… on $name', (target) => …)`
 * and `describe.skipIf(target.skipReason)` inside, so a missing server is reported, never silently passed.
 */
export function databaseTargets(): DatabaseTarget[] {
  return [pgliteTarget, postgresTarget()];
}

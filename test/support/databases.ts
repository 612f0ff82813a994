import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@app/db';
import { createDatabaseOnServer } from './postgres-server.js';

export { createDatabaseOnServer };

export interface DatabaseTarget {
  name: 'pglite' | 'postgresql';
  /** Why this target cannot run here (only ever set outside CI). */
  skipReason: string | null;
  /** A fresh, migrated, empty database; close it when done. */
  open(): Promise<DatabaseHandle>;
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

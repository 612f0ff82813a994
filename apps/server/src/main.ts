import 'reflect-metadata';
import { resolve } from 'node:path';
import { ensureFirstAdmin } from '@app/auth';
import { createLogger } from '@app/common';
import { ConfigError, loadConfig, resolveAppSecret } from '@app/config';
import { openDatabase, pgliteDirFor } from '@app/db';
import { createServerApp } from './create-app.js';
import { serve } from './serve.js';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const { secret, generated } = resolveAppSecret(config);
  if (generated) logger.info(`Generated APP_SECRET and saved it in ${resolve(config.DATA_DIR, 'app-secret')}`);

  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDataDir: resolve(pgliteDirFor(config.DATA_DIR)),
    poolSize: config.PG_POOL_SIZE,
  });
  logger.info(database.driver === 'pglite' ? `Database: embedded PGlite in ${resolve(pgliteDirFor(config.DATA_DIR))}` : 'Database: PostgreSQL (DATABASE_URL)');

  const admin = await ensureFirstAdmin(database.db, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
  if (admin.generatedPassword) {
    logger.warn(`First administrator created: ${admin.email} / ${admin.generatedPassword} (shown once: change it after signing in, or set ADMIN_PASSWORD)`);
  } else if (admin.created) {
    logger.info(`First administrator created: ${admin.email} (password from ADMIN_PASSWORD)`);
  }

  const app = await createServerApp({ config, database, appSecret: secret, logger });
  await serve(app, config);
  const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  logger.info(`Omnibox is running at ${url} (API docs: ${url}/api/docs)`);
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

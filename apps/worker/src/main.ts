import 'reflect-metadata';
import { createLogger } from '@app/common';
import { ConfigError, loadConfig } from '@app/config';
import { openDatabase } from '@app/db';

/**
 * The worker runs queue processors (outbound delivery, mailbox sync, timers) against a shared PostgreSQL.
 * In the embedded default (PGlite) the server runs them in its own process instead.
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  if (!config.DATABASE_URL) {
    logger.error('The worker needs DATABASE_URL (PostgreSQL): with the embedded PGlite database `npm start` runs the worker inside the server process.');
    process.exit(1);
  }
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: config.PG_POOL_SIZE });
  logger.info('Worker started; waiting for jobs');
  const stop = async () => {
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

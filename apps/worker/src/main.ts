import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, PinoNestLogger } from '@app/common';
import { ConfigError, loadConfig, resolveAppSecret } from '@app/config';
import { openDatabase } from '@app/db';
import { WorkerModule } from './worker.module.js';

/**
 * The worker runs the queue's jobs (deliveries, wake-ups) against a shared PostgreSQL and Redis, beside
 * any number of server processes. With the embedded PGlite database the server runs them itself.
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  if (!config.DATABASE_URL || !config.REDIS_URL) {
    logger.error('The worker needs DATABASE_URL (PostgreSQL) and REDIS_URL (Redis): on the embedded default `npm start` runs the jobs inside the server process.');
    process.exit(1);
  }
  const { secret } = resolveAppSecret(config);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: config.PG_POOL_SIZE });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, database, appSecret: secret, logger }), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  await app.init();
  logger.info('Worker started: consuming jobs');
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AllExceptionsFilter, bodyParsers, PinoNestLogger, requestContext, requestContextMiddleware } from '@app/common';
import type { AppConfig } from '@app/config';
import type { DatabaseHandle } from '@app/db';
import type { ChannelAdapters } from '@app/inbox';
import type { JobBackoff } from '@app/queue';
import { LeanIoAdapter, RedisIoAdapter } from '@app/realtime';
import { AppModule } from './app.module.js';
import { serveStaticFiles } from './static-files.js';

export interface CreateAppOptions {
  config: AppConfig;
  database: DatabaseHandle;
  appSecret: string;
  logger: Logger;
  adapters?: ChannelAdapters;
  /** Replaces every job's default backoff, so tests see retries in milliseconds. */
  queueBackoff?: JobBackoff;
}

/** Builds the HTTP application; main.ts and the end-to-end tests both start the server through here. */
export async function createServerApp({ config, database, appSecret, logger, adapters, queueBackoff }: CreateAppOptions): Promise<NestExpressApplication> {
  requestContext.setDefaultLocale(config.DEFAULT_LOCALE);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, database, appSecret, adapters, logger, queueBackoff }), {
    bodyParser: false,
    abortOnError: false,
    logger: new PinoNestLogger(logger),
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(requestContextMiddleware(config.DEFAULT_LOCALE));
  app.use(...bodyParsers(config.BODY_LIMIT));
  app.setGlobalPrefix('api', { exclude: ['webhooks/{*path}', 'demo', 'help', 'help/{*path}'] });
  app.useGlobalFilters(new AllExceptionsFilter(logger));
  app.enableShutdownHooks();
  if (config.REDIS_URL) {
    // Several server processes share Socket.IO rooms through Redis.
    const adapter = new RedisIoAdapter(app, config.REDIS_URL);
    await adapter.connect();
    app.useWebSocketAdapter(adapter);
  } else {
    app.useWebSocketAdapter(new LeanIoAdapter(app));
  }

  const openApi = new DocumentBuilder()
    .setTitle('Omnibox API')
    .setDescription('Omnichannel inbox and CRM: conversations, contacts, deals, channels.')
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'api-key')
    .build();
  const served = serveStaticFiles(app);
  if (!served.web) logger.warn('The web app is not built (apps/web/dist): run npm run build to serve the agent inbox at /');
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs/json' });
  return app;
}

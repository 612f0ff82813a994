import { Module, type DynamicModule } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { AuthModule, UsersModule } from '@app/auth';
import { SchemaValidationPipe } from '@app/common';
import { ConfigModule, type AppConfig } from '@app/config';
import { CrmModule } from '@app/crm';
import { DbModule, type DatabaseHandle } from '@app/db';
import { InboxModule, type ChannelAdapters } from '@app/inbox';
import { QueueModule, type JobBackoff, type JobQueueLogger } from '@app/queue';
import { RealtimeModule } from '@app/realtime';
import { RoutingModule } from '@app/routing';
import { createChannelRegistry } from '@channel-adapters/registry';
import { DemoPageController } from './demo/demo-page.controller.js';
import { DemoWorkspace } from './demo/demo-workspace.js';
import { HealthController } from './health.controller.js';

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseHandle;
  appSecret: string;
  /** Channel adapters; tests replace some with fakes. */
  adapters?: ChannelAdapters;
  logger?: JobQueueLogger;
  /** Replaces every job's default backoff (tests); unset in production. */
  queueBackoff?: JobBackoff;
}

@Module({})
export class AppModule {
  static forRoot({ config, database, appSecret, adapters, logger, queueBackoff }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DbModule.forHandle(database),
        AuthModule.forRoot({
          appSecret,
          jwtTtlSeconds: config.JWT_TTL_SECONDS,
          loginMaxAttempts: config.LOGIN_MAX_ATTEMPTS,
          loginWindowSeconds: config.LOGIN_WINDOW_SECONDS,
        }),
        UsersModule,
        CrmModule,
        QueueModule.forRoot({ redisUrl: config.REDIS_URL, runProcessors: config.JOBS_IN_SERVER, logger, backoffOverride: queueBackoff }),
        RealtimeModule.forRoot(),
        InboxModule.forRoot({
          appSecret,
          adapters: adapters ?? ((ports) => createChannelRegistry({}, ports)),
          publicUrl: config.PUBLIC_URL,
          runsJobs: config.JOBS_IN_SERVER,
          defaultLocale: config.DEFAULT_LOCALE,
        }),
        RoutingModule.forRoot({ appSecret, runsJobs: config.JOBS_IN_SERVER, defaultLocale: config.DEFAULT_LOCALE, inactivitySeconds: config.AGENT_INACTIVITY_SECONDS }),
      ],
      controllers: [HealthController, DemoPageController],
      providers: [{ provide: APP_PIPE, useClass: SchemaValidationPipe }, DemoWorkspace],
    };
  }
}

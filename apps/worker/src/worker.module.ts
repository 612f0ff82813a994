import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, UsersModule } from '@app/auth';
import { ConfigModule, type AppConfig } from '@app/config';
import { CrmModule } from '@app/crm';
import { DbModule, type DatabaseHandle } from '@app/db';
import { InboxModule, type ChannelAdapters } from '@app/inbox';
import { QueueModule, type JobQueueLogger } from '@app/queue';
import { RealtimeModule } from '@app/realtime';
import { RoutingModule } from '@app/routing';
import { createChannelRegistry } from '@channel-adapters/registry';

export interface WorkerModuleOptions {
  config: AppConfig;
  database: DatabaseHandle;
  appSecret: string;
  adapters?: ChannelAdapters;
  logger?: JobQueueLogger;
}

/** The domain modules without HTTP: consumes every job and tells agents' browsers through Redis. */
@Module({})
export class WorkerModule {
  static forRoot({ config, database, appSecret, adapters, logger }: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
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
        QueueModule.forRoot({ redisUrl: config.REDIS_URL, runProcessors: true, logger }),
        RealtimeModule.forRoot({ emitterRedisUrl: config.REDIS_URL }),
        InboxModule.forRoot({
          appSecret,
          adapters: adapters ?? ((ports) => createChannelRegistry({}, ports)),
          publicUrl: config.PUBLIC_URL,
          runsJobs: true,
          defaultLocale: config.DEFAULT_LOCALE,
        }),
        RoutingModule.forRoot({ appSecret, runsJobs: true, defaultLocale: config.DEFAULT_LOCALE, inactivitySeconds: config.AGENT_INACTIVITY_SECONDS }),
      ],
    };
  }
}

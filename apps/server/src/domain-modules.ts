import type { DynamicModule } from '@nestjs/common';
import { AuthModule, UsersModule } from '@app/auth';
import { ConfigModule, type AppConfig } from '@app/config';
import { CrmModule } from '@app/crm';
import { DbModule, type DatabaseHandle } from '@app/db';
import { InboxModule, type InboxModuleOptions } from '@app/inbox';
import { QueueModule, type JobBackoff, type JobQueueLogger } from '@app/queue';
import { RealtimeModule, type RealtimeModuleOptions } from '@app/realtime';
import { RoutingModule } from '@app/routing';
import { ReportsModule } from '@app/reports';
import { BotsModule } from '@app/bots';
import { CampaignsModule, MarketingModule, TriggersModule } from '@app/marketing';
import { KnowledgeModule } from '@app/knowledge';
import { DocumentsModule } from '@app/documents';
import { TicketsModule } from '@app/tickets';

export interface DomainModulesOptions {
  config: AppConfig;
  database: DatabaseHandle;
  appSecret: string;
  /** The channel adapters (the registry, or fakes in tests). */
  adapters: InboxModuleOptions['adapters'];
  /** This process consumes queue jobs, sweeps the outbox and polls channels. */
  runsJobs: boolean;
  realtime?: RealtimeModuleOptions;
  logger?: JobQueueLogger;
  /** Replaces every job's default backoff (tests); unset in production. */
  queueBackoff?: JobBackoff;
}

/** The product's domain, the same in a server process and in a worker; each adds what it serves. */
export function domainModules(o: DomainModulesOptions): DynamicModule['imports'] {
  const { config, appSecret } = o;
  // One instance, imported by the modules that need its services (business hours).
  const routing = RoutingModule.forRoot({ appSecret, runsJobs: o.runsJobs, defaultLocale: config.DEFAULT_LOCALE, inactivitySeconds: config.AGENT_INACTIVITY_SECONDS });
  return [
    ConfigModule.forRoot(config),
    DbModule.forHandle(o.database),
    AuthModule.forRoot({
      appSecret,
      jwtTtlSeconds: config.JWT_TTL_SECONDS,
      loginMaxAttempts: config.LOGIN_MAX_ATTEMPTS,
      loginWindowSeconds: config.LOGIN_WINDOW_SECONDS,
    }),
    UsersModule,
    CrmModule,
    QueueModule.forRoot({ redisUrl: config.REDIS_URL, runProcessors: o.runsJobs, logger: o.logger, backoffOverride: o.queueBackoff }),
    RealtimeModule.forRoot(o.realtime),
    InboxModule.forRoot({
      appSecret,
      adapters: o.adapters,
      publicUrl: config.PUBLIC_URL,
      runsJobs: o.runsJobs,
      defaultLocale: config.DEFAULT_LOCALE,
    }),
    routing,
    ReportsModule.forRoot({ runsJobs: o.runsJobs, defaultLocale: config.DEFAULT_LOCALE, routing }),
    BotsModule.forRoot({
      routing,
      runsJobs: o.runsJobs,
      staffBot: { token: config.STAFF_TELEGRAM_BOT_TOKEN, apiRoot: config.STAFF_TELEGRAM_API_ROOT, appSecret, publicUrl: config.PUBLIC_URL },
    }),
    MarketingModule.forRoot({ appSecret, publicUrl: config.PUBLIC_URL, defaultLocale: config.DEFAULT_LOCALE }),
    CampaignsModule.forRoot({ runsJobs: o.runsJobs }),
    TriggersModule.forRoot({ runsJobs: o.runsJobs }),
    KnowledgeModule,
    DocumentsModule.forRoot({ appSecret, publicUrl: config.PUBLIC_URL }),
    TicketsModule.forRoot({ runsJobs: o.runsJobs }),
  ];
}

import { Module, type DynamicModule } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { AuthModule, UsersModule } from '@app/auth';
import { SchemaValidationPipe } from '@app/common';
import { ConfigModule, type AppConfig } from '@app/config';
import { CrmModule } from '@app/crm';
import { DbModule, type DatabaseHandle } from '@app/db';
import { InboxModule } from '@app/inbox';
import { DemoWorkspace } from './demo/demo-workspace.js';
import { HealthController } from './health.controller.js';

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseHandle;
  appSecret: string;
}

@Module({})
export class AppModule {
  static forRoot({ config, database, appSecret }: AppModuleOptions): DynamicModule {
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
        InboxModule.forRoot({ appSecret }),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_PIPE, useClass: SchemaValidationPipe }, DemoWorkspace],
    };
  }
}

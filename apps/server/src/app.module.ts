import { Module, type DynamicModule } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { SchemaValidationPipe } from '@app/common';
import type { ChannelAdapters } from '@app/inbox';
import { createChannelRegistry } from '@channel-adapters/registry';
import { DemoPageController } from './demo/demo-page.controller.js';
import { DemoWorkspace } from './demo/demo-workspace.js';
import { domainModules, type DomainModulesOptions } from './domain-modules.js';
import { HealthController } from './health.controller.js';

export interface AppModuleOptions extends Omit<DomainModulesOptions, 'adapters' | 'runsJobs' | 'realtime'> {
  /** Channel adapters; tests replace some with fakes. */
  adapters?: ChannelAdapters;
}

@Module({})
export class AppModule {
  static forRoot({ adapters, ...options }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: domainModules({
        ...options,
        adapters: adapters ?? ((ports) => createChannelRegistry({}, ports)),
        runsJobs: options.config.JOBS_IN_SERVER,
      }),
      controllers: [HealthController, DemoPageController],
      providers: [{ provide: APP_PIPE, useClass: SchemaValidationPipe }, DemoWorkspace],
    };
  }
}

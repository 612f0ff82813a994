import { Module, type DynamicModule } from '@nestjs/common';
import type { ChannelAdapters } from '@app/inbox';
import { createChannelRegistry } from '@channel-adapters/registry';
import { domainModules, type DomainModulesOptions } from '../../server/src/domain-modules.js';

export interface WorkerModuleOptions extends Omit<DomainModulesOptions, 'adapters' | 'runsJobs' | 'realtime' | 'queueBackoff'> {
  adapters?: ChannelAdapters;
}

/** The domain modules without HTTP: consumes every job and tells agents' browsers through Redis. */
@Module({})
export class WorkerModule {
  static forRoot({ adapters, ...options }: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: domainModules({
        ...options,
        adapters: adapters ?? ((ports) => createChannelRegistry({}, ports)),
        runsJobs: true,
        realtime: { emitterRedisUrl: options.config.REDIS_URL },
      }),
    };
  }
}

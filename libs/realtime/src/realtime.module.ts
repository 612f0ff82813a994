import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import { AgentsGateway } from './agents.gateway.js';
import { RealtimeEventsRepository } from './realtime-events.repository.js';
import { RealtimeService } from './realtime.service.js';

const REDIS_EMITTER = Symbol('REDIS_EMITTER');

export interface RealtimeModuleOptions {
  /**
   * A process without its own Socket.IO server (the worker) reaches agents' browsers through Redis:
   * the server processes' Redis adapter relays what it emits.
   */
  emitterRedisUrl?: string;
}

class EmitterLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS_EMITTER) private readonly redis: Redis | null) {}
  onApplicationShutdown() {
    this.redis?.disconnect();
  }
}

@Global()
@Module({})
export class RealtimeModule {
  static forRoot(options: RealtimeModuleOptions = {}): DynamicModule {
    return {
      module: RealtimeModule,
      providers: [
        RealtimeEventsRepository,
        { provide: REDIS_EMITTER, useFactory: () => (options.emitterRedisUrl ? createRedis(options.emitterRedisUrl) : null) },
        {
          provide: RealtimeService,
          inject: [RealtimeEventsRepository, REDIS_EMITTER],
          useFactory: (events: RealtimeEventsRepository, redis: Redis | null) => {
            const service = new RealtimeService(events);
            if (redis) service.attachEmitter(new Emitter(redis).of('/agents'));
            return service;
          },
        },
        EmitterLifecycle,
        AgentsGateway,
      ],
      exports: [RealtimeService],
    };
  }
}

function createRedis(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  // ioredis reconnects by itself; an unhandled 'error' event would end the process.
  redis.on('error', () => undefined);
  return redis;
}

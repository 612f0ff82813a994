import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { DatabaseHandle } from './database.js';

export const DB = Symbol('DB');
export const DB_HANDLE = Symbol('DB_HANDLE');
/** Injects the Drizzle database (PGlite or PostgreSQL). */
export const InjectDb = () => Inject(DB);

class DbLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DB_HANDLE) private readonly handle: DatabaseHandle) {}
  async onApplicationShutdown() {
    await this.handle.close();
  }
}

@Global()
@Module({})
export class DbModule {
  /** The handle is opened (and migrated) before the Nest container starts, so a bad DATABASE_URL fails fast. */
  static forHandle(handle: DatabaseHandle, options: { closeOnShutdown?: boolean } = {}): DynamicModule {
    return {
      module: DbModule,
      providers: [
        { provide: DB_HANDLE, useValue: handle },
        { provide: DB, useValue: handle.db },
        ...(options.closeOnShutdown === false ? [] : [DbLifecycle]),
      ],
      exports: [DB, DB_HANDLE],
    };
  }
}

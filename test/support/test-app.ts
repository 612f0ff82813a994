import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import request from 'supertest';
import { createServerApp } from '../../apps/server/src/create-app.js';
import { ensureFirstAdmin, hashPassword } from '@app/auth';
import { createLogger } from '@app/common';
import { loadConfig, type AppConfig } from '@app/config';
import type { ChannelAdapters } from '@app/inbox';
import type { JobBackoff } from '@app/queue';
import { inboxMembers, openDatabase, users, type DatabaseHandle, type Db, type UserRole } from '@app/db';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'admin-password-1';
export const TEST_APP_SECRET = 'test-app-secret-0123456789abcdef0123456789';

export interface TestApp {
  app: NestExpressApplication;
  db: Db;
  database: DatabaseHandle;
  config: AppConfig;
  /** supertest bound to the running server */
  http: () => ReturnType<typeof request>;
  login(email: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  /** Creates a user directly in the database and returns an access token for them. */
  createUser(role: UserRole, options?: { email?: string; name?: string; inboxIds?: string[] }): Promise<{ id: string; email: string; token: string }>;
  /** Starts listening on a free loopback port (needed for Socket.IO); answers the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Starts the real server (every module, real HTTP) on an in-memory PGlite database, or on `database` when given. */
export async function startTestApp(
  options: { env?: Record<string, string>; database?: DatabaseHandle; adapters?: ChannelAdapters; queueBackoff?: JobBackoff; appSecret?: string; logger?: Logger } = {},
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    APP_SECRET: options.appSecret ?? TEST_APP_SECRET,
    SEED_DEMO: 'false',
    ...options.env,
  });
  const database = options.database ?? (await openDatabase({ pgliteDataDir: 'memory://' }));
  await ensureFirstAdmin(database.db, ADMIN_EMAIL, ADMIN_PASSWORD);
  const app = await createServerApp({ config, database, appSecret: options.appSecret ?? TEST_APP_SECRET, logger: options.logger ?? createLogger('silent'), adapters: options.adapters, queueBackoff: options.queueBackoff });
  await app.init();
  const server = app.getHttpServer();
  const http = () => request(server);
  let counter = 0;

  const login = async (email: string, password: string) => {
    const response = await http().post('/api/auth/login').send({ email, password });
    if (response.status !== 200) throw new Error(`login failed for ${email}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.accessToken as string;
  };

  return {
    app,
    db: database.db,
    database,
    config,
    http,
    login,
    adminToken: () => login(ADMIN_EMAIL, ADMIN_PASSWORD),
    async createUser(role, opts = {}) {
      counter += 1;
      const email = opts.email ?? `${role}${counter}-${Date.now()}@example.com`;
      const password = `password-${counter}-x`;
      const [user] = await database.db
        .insert(users)
        .values({ email, name: opts.name ?? `${role} ${counter}`, role, passwordHash: await hashPassword(password) })
        .returning();
      for (const inboxId of opts.inboxIds ?? []) await database.db.insert(inboxMembers).values({ inboxId, userId: user.id });
      return { id: user.id, email, token: await login(email, password) };
    },
    async listen() {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as { port: number };
      return `http://127.0.0.1:${port}`;
    },
    async close() {
      await app.close();
      if (options.database) return;
    },
  };
}


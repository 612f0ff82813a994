import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ensureFirstAdmin } from '@app/auth';
import { createLogger } from '@app/common';
import { loadConfig } from '@app/config';
import { openDatabase } from '@app/db';
import { createServerApp } from './create-app.js';
import { serve } from './serve.js';

const ADMIN = { email: 'admin@example.com', password: 'serve-spec-password-1' };
const APP_SECRET = 'serve-spec-secret-0123456789abcdef0123456789';

describe('serve', () => {
  let app: NestExpressApplication | undefined;
  afterAll(() => app?.close());

  it('seeds the demo after the listeners subscribe: ratings end their conversations and the reports count the demo', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, APP_SECRET, SEED_DEMO: 'true', PORT: '0', HOST: '127.0.0.1' });
    const database = await openDatabase({ pgliteDataDir: 'memory://' });
    await ensureFirstAdmin(database.db, ADMIN.email, ADMIN.password);
    app = await createServerApp({ config, database, appSecret: APP_SECRET, logger: createLogger('silent') });

    await serve(app, config);

    const http = () => request(app!.getHttpServer());
    const login = await http().post('/api/auth/login').send(ADMIN).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken as string}` };
    const conversations = await http().get('/api/conversations?status=all&limit=50').set(auth).expect(200);
    // Four waiting and three answered, resolved and rated: a rating is an answer, not a new conversation.
    expect(conversations.body.items).toHaveLength(7);
    const day = 86_400_000;
    const period = `from=${new Date(Date.now() - 30 * day).toISOString()}&to=${new Date(Date.now() + day).toISOString()}`;
    const summary = await http().get(`/api/reports/summary?${period}`).set(auth).expect(200);
    expect(summary.body).toMatchObject({ conversationsOpened: 7, conversationsResolved: 3, incomingMessages: 8, outgoingMessages: 3 });
    expect(summary.body.firstResponseTime.count).toBe(3);
    expect(summary.body.csat.responses).toBe(3);
    expect(summary.body.nps.responses).toBe(3);
  });
});

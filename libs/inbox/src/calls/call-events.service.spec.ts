import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { and, eq } from 'drizzle-orm';
import type { InboundCallEvent } from '@channel-adapters/core';
import { AuthModule, UsersModule } from '@app/auth';
import { ConfigModule, loadConfig } from '@app/config';
import { CrmModule } from '@app/crm';
import { activities, contacts, conversations, DbModule, inboxes, messages, type DatabaseHandle, type Db, type Inbox } from '@app/db';
import { QueueModule } from '@app/queue';
import { RealtimeModule } from '@app/realtime';
import { databaseTargets } from '../../../../test/support/databases.js';
import { InboxEvents, type InboxEventName } from '../inbox-events.js';
import { InboxModule } from '../inbox.module.js';
import { CallEventsService } from './call-events.service.js';

const APP_SECRET = 'call-events-spec-secret-0123456789abcdef';

/** The inbox domain without HTTP or job processing; calls never ask an adapter for anything. */
function callsModule(database: DatabaseHandle): DynamicModule {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', DEFAULT_LOCALE: 'ru', DEFAULT_PHONE_REGION: 'RU' });
  @Module({})
  class CallsSpecModule {}
  return {
    module: CallsSpecModule,
    imports: [
      ConfigModule.forRoot(config),
      DbModule.forHandle(database),
      AuthModule.forRoot({ appSecret: APP_SECRET, jwtTtlSeconds: 3600, loginMaxAttempts: 10, loginWindowSeconds: 60 }),
      UsersModule,
      CrmModule,
      QueueModule.forRoot({ runProcessors: false }),
      RealtimeModule.forRoot(),
      InboxModule.forRoot({ appSecret: APP_SECRET, adapters: { has: () => false, get: (type) => { throw new Error(`No adapter expected, asked for ${type}`); } }, runsJobs: false }),
    ],
  };
}

describe.each(databaseTargets())('CallEventsService on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let app: INestApplicationContext;
    let db: Db;
    let calls: CallEventsService;
    let inbox: Inbox;
    const emitted: Array<{ name: InboxEventName; conversationId: string }> = [];

    beforeAll(async () => {
      const handle = await target.open();
      db = handle.db;
      app = await NestFactory.createApplicationContext(callsModule(handle), { logger: false, abortOnError: false });
      await app.init();
      calls = app.get(CallEventsService);
      const events = app.get(InboxEvents);
      for (const name of ['conversation.created', 'conversation.status_changed'] as const) {
        events.on(name, ({ conversation }) => void emitted.push({ name, conversationId: conversation.id }));
      }
      [inbox] = await db.insert(inboxes).values({ type: 'telephony', name: 'АТС', settings: {} }).returning();
    });
    afterAll(() => app?.close());

    const newNumber = () => `+7912${String(randomInt(1_000_000, 9_999_999))}`;
    const step = (callId: string, number: string, phase: InboundCallEvent['phase'], extra: Partial<InboundCallEvent> = {}): InboundCallEvent => ({
      kind: 'call',
      externalId: `${callId}:${phase}`,
      callId,
      contact: { externalId: number, phone: number },
      direction: 'inbound',
      phase,
      ...extra,
    });
    const activitiesOfCall = (callId: string) => db.select().from(activities).where(eq(activities.type, 'call')).then((rows) => rows.filter((row) => row.metadata.callId === callId));

    it('makes one call activity and one timeline line when the same step arrives twice at once', async () => {
      const callId = `c-${randomUUID()}`;
      const number = newNumber();
      const results = await Promise.all([calls.ingestCall(inbox, step(callId, number, 'started')), calls.ingestCall(inbox, step(callId, number, 'started'))]);
      expect(results.sort()).toEqual([false, true]);
      expect(await activitiesOfCall(callId)).toHaveLength(1);
      expect(await db.select().from(messages).where(and(eq(messages.inboxId, inbox.id), eq(messages.externalId, `call:${callId}`)))).toHaveLength(1);
    });

    it('updates the same activity and line as the call goes on, and keeps the call in its first conversation', async () => {
      const callId = `c-${randomUUID()}`;
      const number = newNumber();
      await calls.ingestCall(inbox, step(callId, number, 'started'));
      await calls.ingestCall(inbox, step(callId, number, 'answered', { agentExtension: '101' }));
      await calls.ingestCall(inbox, step(callId, number, 'ended', { durationSec: 3725 }));
      const [activity] = await activitiesOfCall(callId);
      expect(activity).toMatchObject({ subject: 'Входящий звонок', done: true, metadata: { phase: 'ended', durationSec: 3725, agentExtension: '101', answered: true } });
      const [line] = await db.select().from(messages).where(eq(messages.externalId, `call:${callId}`));
      expect(line).toMatchObject({ conversationId: activity.conversationId, messageType: 'system', content: `Входящий звонок с номера ${number}, 1:02:05` });
      const [conversation] = await db.select().from(conversations).where(eq(conversations.id, activity.conversationId!));
      expect(conversation.status).toBe('resolved');
    });

    it('opens the conversation at once when the first step already says missed, and announces it to routing', async () => {
      const callId = `c-${randomUUID()}`;
      await calls.ingestCall(inbox, step(callId, newNumber(), 'missed'));
      const [activity] = await activitiesOfCall(callId);
      const [conversation] = await db.select().from(conversations).where(eq(conversations.id, activity.conversationId!));
      expect(conversation).toMatchObject({ status: 'open', unreadCount: 1 });
      expect(emitted).toContainEqual({ name: 'conversation.created', conversationId: conversation.id });
      const tasks = await db.select().from(activities).where(and(eq(activities.type, 'task'), eq(activities.conversationId, conversation.id)));
      expect(tasks).toHaveLength(1);
    });

    it('attaches a recording that arrives after the call, once, and ignores one for a call it never saw', async () => {
      const callId = `c-${randomUUID()}`;
      const number = newNumber();
      await calls.ingestCall(inbox, step(callId, number, 'ended', { durationSec: 20 }));
      const recording = { kind: 'call_recording' as const, externalId: `${callId}:recording:r1`, callId, recordingRef: 'r1' };
      expect(await calls.attachRecording(inbox, recording)).toBe(true);
      expect(await calls.attachRecording(inbox, recording)).toBe(false);
      const [activity] = await activitiesOfCall(callId);
      expect(activity.metadata).toMatchObject({ hasRecording: true });
      expect(activity.metadata.recordingSealed).toMatch(/^enc:v1:/);
      expect(JSON.stringify(activity.metadata)).not.toContain('"r1"');
      expect(await calls.attachRecording(inbox, { ...recording, callId: 'never-seen', externalId: 'never-seen:recording:r1' })).toBe(false);
    });

    it('keeps a missed call from a blocked number hidden: no reopened conversation, no task', async () => {
      const number = newNumber();
      const [blocked] = await db.insert(contacts).values({ name: 'Спам', phones: [number], blocked: true }).returning();
      const callId = `c-${randomUUID()}`;
      await calls.ingestCall(inbox, step(callId, number, 'started'));
      await calls.ingestCall(inbox, step(callId, number, 'ended', { durationSec: 0 }));
      const [activity] = await activitiesOfCall(callId);
      expect(activity.contactId).toBe(blocked.id);
      const [conversation] = await db.select().from(conversations).where(eq(conversations.id, activity.conversationId!));
      expect(conversation.status).toBe('resolved');
      expect(await db.select().from(activities).where(and(eq(activities.type, 'task'), eq(activities.contactId, blocked.id)))).toHaveLength(0);
      const [line] = await db.select().from(messages).where(eq(messages.externalId, `call:${callId}`));
      expect(line.contentAttributes.hidden).toBe(true);
    });
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';
import { activities, attachments, auditLog, contactIdentities, conversations, deals, messages, realtimeEvents } from '@app/db';
import { createApiInbox, postWebhook, type ApiInbox } from '../support/api-channel.js';
import { databaseTargets } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe.each(databaseTargets())('a contact\'s data: export and erasure on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let t: TestApp;
    let files: FakeHttpServer;
    let dataDir: string;
    let admin: string;
    let inbox: ApiInbox;
    let contactId: string;
    let otherContactId: string;
    let dealId: string;
    let conversationId: string;
    const auth = (token = admin) => ({ Authorization: `Bearer ${token}` });

    beforeAll(async () => {
      files = await startFakeHttpServer(() => ({ status: 200, headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4 паспорт' }));
      dataDir = mkdtempSync(join(tmpdir(), 'omnibox-contact-data-'));
      t = await startTestApp({ database: await target.open(), env: { DATA_DIR: dataDir } });
      admin = await t.adminToken();
      inbox = await createApiInbox(t, admin);
      await postWebhook(t, inbox, { externalId: 'x-1', contact: { externalId: 'anna', name: 'Анна Ёлкина', phone: '+79123456789' }, text: 'Мой паспорт во вложении', attachments: [{ url: `${files.url}/passport.pdf`, fileName: 'паспорт.pdf' }] }).expect(200);
      await postWebhook(t, inbox, { externalId: 'x-2', contact: { externalId: 'anna' }, text: 'Адрес: Казань, ул. Баумана 1' }).expect(200);
      await postWebhook(t, inbox, { externalId: 'y-1', contact: { externalId: 'boris', name: 'Борис' }, text: 'Я остаюсь' }).expect(200);
      const [first] = await t.db.select().from(messages).where(eq(messages.content, 'Мой паспорт во вложении'));
      conversationId = first.conversationId;
      // The api channel keeps links to files; a file a channel delivered is kept on disk under its attachment's id.
      const [file] = await t.db.select().from(attachments).where(eq(attachments.messageId, first.id));
      mkdirSync(join(dataDir, 'files'), { recursive: true });
      writeFileSync(join(dataDir, 'files', file.id), '%PDF-1.4 паспорт');
      await t.db.update(attachments).set({ storageKey: file.id, sizeBytes: 16 }).where(eq(attachments.id, file.id));
      contactId = (await t.http().get(`/api/conversations/${conversationId}`).set(auth()).expect(200)).body.contactId;
      const [other] = await t.db.select().from(messages).where(eq(messages.content, 'Я остаюсь'));
      otherContactId = (await t.http().get(`/api/conversations/${other.conversationId}`).set(auth()).expect(200)).body.contactId;
      dealId = (await t.http().post('/api/deals').set(auth()).send({ title: 'Кухня', contactId, amount: 150000 }).expect(201)).body.id;
      await t.http().post('/api/activities').set(auth()).send({ type: 'task', subject: 'Перезвонить Анне', contactId }).expect(201);
      await t.http().post('/api/activities').set(auth()).send({ type: 'note', subject: 'По переписке', conversationId }).expect(201);
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      await files?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('exports everything about the contact as one JSON file to an administrator, and audits it', async () => {
      const res = await t.http().get(`/api/contacts/${contactId}/export`).set(auth()).expect(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="contact-${contactId}.json"`);
      const data = res.body;
      expect(data.contact).toMatchObject({ id: contactId, name: 'Анна Ёлкина', phones: ['+79123456789'] });
      expect(data.contact.searchText).toBeUndefined();
      expect(data.identities).toEqual([expect.objectContaining({ externalId: 'anna', inboxId: inbox.id })]);
      expect(data.conversations).toHaveLength(1);
      expect(data.conversations[0].messages.map((m: { content: string }) => m.content)).toEqual(['Мой паспорт во вложении', 'Адрес: Казань, ул. Баумана 1']);
      expect(data.conversations[0].messages[0].attachments).toEqual([expect.objectContaining({ fileName: 'паспорт.pdf', stored: true })]);
      expect(data.deals).toEqual([expect.objectContaining({ id: dealId, title: 'Кухня' })]);
      expect(data.activities.map((a: { subject: string }) => a.subject).sort()).toEqual(['Перезвонить Анне', 'По переписке']);
      expect(JSON.stringify(data)).not.toContain('Борис');
      const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'contact.exported'));
      expect(audit).toMatchObject({ targetType: 'contact', targetId: contactId, actorEmail: 'admin@example.com' });
    });

    it('refuses export and erasure to non-administrators and answers 404 for an unknown contact', async () => {
      const supervisor = await t.createUser('supervisor');
      const agent = await t.createUser('agent', { inboxIds: [inbox.id] });
      for (const token of [supervisor.token, agent.token]) {
        expect((await t.http().get(`/api/contacts/${contactId}/export`).set(auth(token)).expect(403)).body.code).toBe('forbidden');
      }
      await t.http().delete(`/api/contacts/${contactId}?erase=true`).set(auth(supervisor.token)).expect(403);
      await t.http().delete(`/api/contacts/${contactId}?erase=true`).set(auth(agent.token)).expect(403);
      const unknown = '01900000-0000-7000-8000-00000000dead';
      await t.http().get(`/api/contacts/${unknown}/export`).set(auth()).expect(404);
      await t.http().delete(`/api/contacts/${unknown}?erase=true`).set(auth()).expect(404);
      await t.http().delete(`/api/contacts/${contactId}?erase=maybe`).set(auth()).expect(400);
      await t.http().get(`/api/contacts/${contactId}`).set(auth()).expect(200);
    });

    it('erases the contact with messages, files on disk, activities and event logs, keeps their deal unlinked, and audits it', async () => {
      const conversationIds = (await t.db.select().from(conversations).where(eq(conversations.contactId, contactId))).map((c) => c.id);
      const messageIds = (await t.db.select().from(messages).where(inArray(messages.conversationId, conversationIds))).map((m) => m.id);
      const stored = await t.db.select().from(attachments).where(inArray(attachments.messageId, messageIds));
      const filePath = join(dataDir, 'files', stored[0].storageKey!);
      expect(existsSync(filePath)).toBe(true);
      expect((await t.db.select().from(realtimeEvents).where(inArray(realtimeEvents.conversationId, conversationIds))).length).toBeGreaterThan(0);

      await t.http().delete(`/api/contacts/${contactId}?erase=true`).set(auth()).expect(204);

      await t.http().get(`/api/contacts/${contactId}`).set(auth()).expect(404);
      expect(await t.db.select().from(contactIdentities).where(eq(contactIdentities.contactId, contactId))).toEqual([]);
      expect(await t.db.select().from(conversations).where(inArray(conversations.id, conversationIds))).toEqual([]);
      expect(await t.db.select().from(messages).where(inArray(messages.id, messageIds))).toEqual([]);
      expect(await t.db.select().from(attachments).where(inArray(attachments.id, stored.map((a) => a.id)))).toEqual([]);
      expect(existsSync(filePath)).toBe(false);
      expect(await t.db.select().from(realtimeEvents).where(inArray(realtimeEvents.conversationId, conversationIds))).toEqual([]);
      expect(await t.db.select().from(activities).where(eq(activities.contactId, contactId))).toEqual([]);
      expect((await t.db.select().from(activities)).map((a) => a.subject)).not.toContain('По переписке');
      const [deal] = await t.db.select().from(deals).where(eq(deals.id, dealId));
      expect(deal).toMatchObject({ title: 'Кухня', contactId: null });
      await t.http().get(`/api/contacts/${otherContactId}`).set(auth()).expect(200);
      expect((await t.db.select().from(messages).where(eq(messages.content, 'Я остаюсь'))).length).toBe(1);
      const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'contact.erased'));
      expect(audit).toMatchObject({ targetId: contactId, details: { conversations: 1, messages: 2, attachments: 1, files: 1, activities: 2, dealsUnlinked: 1 } });
      expect(JSON.stringify(audit)).not.toContain('Ёлкина');
    });
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../../test/support/databases.js';
import { queryRows, type DatabaseHandle } from './database.js';
import { isUniqueViolation } from './pg-errors.js';
import { contacts, inboxes, messages, conversations } from './schema.js';

describe.each(databaseTargets())('database on $name', (target) => {
  describe.skipIf(target.skipReason)('migrations and constraints', () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await target.open();
    });
    afterAll(() => handle?.close());

    it('applies every migration and creates all tables', async () => {
      const rows = await queryRows<{ table_name: string }>(
        handle.db,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      const tables = rows.map((r) => r.table_name);
      for (const name of ['users', 'teams', 'team_members', 'inboxes', 'inbox_members', 'contacts', 'contact_identities', 'companies', 'pipelines', 'pipeline_stages', 'deals', 'deal_line_items', 'activities', 'conversations', 'messages', 'attachments', 'api_keys', 'audit_log']) {
        expect(tables).toContain(name);
      }
    });

    it('reports a duplicate external message id as a unique violation so a redelivery adds nothing', async () => {
      const [inbox] = await handle.db.insert(inboxes).values({ type: 'api', name: 'API' }).returning();
      const [contact] = await handle.db.insert(contacts).values({ name: 'Пётр Ёлкин' }).returning();
      const [conversation] = await handle.db.insert(conversations).values({ inboxId: inbox.id, contactId: contact.id }).returning();
      const message = { conversationId: conversation.id, inboxId: inbox.id, messageType: 'incoming' as const, senderType: 'contact' as const, content: 'Привет', externalId: 'ext-1' };
      await handle.db.insert(messages).values(message);
      const error = await handle.db.insert(messages).values(message).then(() => null, (e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
      // Messages without an external id (agent replies) are never considered duplicates.
      await handle.db.insert(messages).values({ ...message, externalId: null });
      await handle.db.insert(messages).values({ ...message, externalId: null });
      const [{ n }] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from messages`);
      expect(n).toBe(3);
    });

    it('stores and reads Cyrillic text unchanged', async () => {
      const [row] = await handle.db.insert(contacts).values({ name: 'Анна Щёкина', tags: ['VIP', 'опт'] }).returning();
      expect(row.name).toBe('Анна Щёкина');
      expect(row.tags).toEqual(['VIP', 'опт']);
    });

    it('reports the driver in the handle', () => {
      expect(handle.driver).toBe(target.name === 'pglite' ? 'pglite' : 'postgres');
    });
  });
});

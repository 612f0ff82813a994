import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { DomainException, ErrorCode } from '@app/common';
import {
  activities,
  contactIdentities,
  contacts,
  conversations,
  deals,
  inboxes,
  pipelines,
  pipelineStages,
  type DatabaseHandle,
  type Db,
} from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { PhoneNormalizer } from '../phone-normalizer.service.js';
import { ContactsRepository } from './contacts.repository.js';
import { ContactsService } from './contacts.service.js';

async function rejectionOf(promise: Promise<unknown>): Promise<DomainException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainException);
  return error as DomainException;
}

describe.each(databaseTargets())('ContactsService on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let db: Db;
    let service: ContactsService;

    beforeAll(async () => {
      handle = await target.open();
      db = handle.db;
      service = new ContactsService(db, new ContactsRepository(db), new PhoneNormalizer({ DEFAULT_PHONE_REGION: 'RU' }));
    });
    afterAll(() => handle?.close());

    it('stores phones in E.164 and e-mails lower-cased when a contact is created', async () => {
      const contact = await service.create({ name: 'Анна', phones: ['8 (903) 111-22-33'], emails: [' Anna@Example.COM '] });
      expect(contact.phones).toEqual(['+79031112233']);
      expect(contact.emails).toEqual(['anna@example.com']);
    });

    it('answers 409 duplicate_contact with the existing id when the same phone is written in another format', async () => {
      const first = await service.create({ name: 'Иван', phones: ['+7 (912) 345-67-89'] });
      for (const phone of ['8 912 345-67-89', '89123456789', '9123456789']) {
        const error = await rejectionOf(service.create({ name: 'Другой Иван', phones: [phone] }));
        expect(error.code).toBe(ErrorCode.DuplicateContact);
        expect(error.options.details).toEqual({ existingId: first.id, field: 'phone', value: '+79123456789' });
      }
    });

    it('answers 409 duplicate_contact when the same e-mail is written in another case', async () => {
      const first = await service.create({ name: 'Ольга', emails: ['olga@firma.ru'] });
      const error = await rejectionOf(service.create({ name: 'Оля', emails: ['OLGA@Firma.RU'] }));
      expect(error.code).toBe(ErrorCode.DuplicateContact);
      expect(error.options.details).toEqual({ existingId: first.id, field: 'email', value: 'olga@firma.ru' });
    });

    it('refuses an update that gives a contact another contact\'s phone, but not its own', async () => {
      const a = await service.create({ name: 'A', phones: ['+7 900 000-00-01'] });
      const b = await service.create({ name: 'B', phones: ['+7 900 000-00-02'] });
      const error = await rejectionOf(service.update(b.id, { phones: ['8 900 000 00 01'] }));
      expect(error.options.details).toMatchObject({ existingId: a.id, field: 'phone' });
      const same = await service.update(a.id, { name: 'A2', phones: ['89000000001'] });
      expect(same).toMatchObject({ name: 'A2', phones: ['+79000000001'] });
    });

    it('answers 400 invalid_phone naming the value when a phone cannot be a real number', async () => {
      const error = await rejectionOf(service.create({ name: 'X', phones: ['12345'] }));
      expect(error.code).toBe(ErrorCode.InvalidPhone);
      expect(error.options.params).toEqual({ value: '12345' });
    });

    it('finds "Пётр Ёлкин" when searching "ёлкин" or "ЕЛКИН"', async () => {
      const petr = await service.create({ name: 'Пётр Ёлкин', tags: ['лес'] });
      for (const q of ['ёлкин', 'ЕЛКИН', 'петр ел']) {
        const page = await service.list({ q, limit: 10 });
        expect(page.items.map((c) => c.id)).toEqual([petr.id]);
      }
    });

    it('finds a contact by some of the digits of its phone and by the phone in another format', async () => {
      const contact = await service.create({ name: 'Цифры', phones: ['+7 915 765-43-21'] });
      for (const q of ['9157654', '765-43-21', '8 915 765 43 21']) {
        const page = await service.list({ q, limit: 10 });
        expect(page.items.map((c) => c.id)).toContain(contact.id);
      }
    });

    it('makes exactly one contact and one 409 when two requests create the same phone at once', async () => {
      const results = await Promise.allSettled([
        service.create({ name: 'Гонка 1', phones: ['+7 977 123-45-67'] }),
        service.create({ name: 'Гонка 2', phones: ['8 977 123 45 67'] }),
      ]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect((rejected[0].reason as DomainException).code).toBe(ErrorCode.DuplicateContact);
      const rows = await db.select({ id: contacts.id }).from(contacts).where(sql`${contacts.phones} @> ARRAY['+79771234567']::text[]`);
      expect(rows).toHaveLength(1);
    });

    it('moves identities, conversations, deals and activities onto the kept contact when two contacts merge', async () => {
      const kept = await service.create({ name: 'Основной', phones: ['+7 901 000-00-01'], tags: ['vip'], customFields: { city: 'Казань' } });
      const other = await service.create({ name: 'Дубль', phones: ['+7 901 000-00-02'], emails: ['dubl@example.com'], tags: ['tg'], customFields: { city: 'Пермь', source: 'vk' } });
      const [inbox] = await db.insert(inboxes).values({ type: 'telegram', name: 'Telegram' }).returning();
      const [identity] = await db.insert(contactIdentities).values({ contactId: other.id, inboxId: inbox.id, externalId: `tg-${other.id}` }).returning();
      const [conversation] = await db.insert(conversations).values({ inboxId: inbox.id, contactId: other.id, contactIdentityId: identity.id }).returning();
      const [pipeline] = await db.insert(pipelines).values({ name: 'P' }).returning();
      const [stage] = await db.insert(pipelineStages).values({ pipelineId: pipeline.id, name: 'S' }).returning();
      const [deal] = await db.insert(deals).values({ title: 'D', pipelineId: pipeline.id, stageId: stage.id, contactId: other.id }).returning();
      const [activity] = await db.insert(activities).values({ type: 'note', subject: 'N', contactId: other.id }).returning();

      const merged = await service.merge(kept.id, other.id);

      expect(merged).toMatchObject({
        id: kept.id,
        name: 'Основной',
        phones: ['+79010000001', '+79010000002'],
        emails: ['dubl@example.com'],
        tags: ['vip', 'tg'],
        customFields: { city: 'Казань', source: 'vk' },
        openDealsCount: 1,
      });
      expect(merged.identities.map((i) => i.id)).toEqual([identity.id]);
      const owner = async (table: typeof conversations | typeof deals | typeof activities, id: string) =>
        (await db.select({ contactId: table.contactId }).from(table).where(eq(table.id, id)))[0]?.contactId;
      expect(await owner(conversations, conversation.id)).toBe(kept.id);
      expect(await owner(deals, deal.id)).toBe(kept.id);
      expect(await owner(activities, activity.id)).toBe(kept.id);
      expect(await db.select().from(contacts).where(eq(contacts.id, other.id))).toEqual([]);
      const found = await service.list({ q: 'dubl@example', limit: 10 });
      expect(found.items.map((c) => c.id)).toEqual([kept.id]);
    });

    it('refuses to merge a contact with itself and answers 404 for an unknown contact', async () => {
      const contact = await service.create({ name: 'Один' });
      expect((await rejectionOf(service.merge(contact.id, contact.id))).code).toBe(ErrorCode.MergeSameContact);
      const unknown = '01900000-0000-7000-8000-000000000000';
      const error = await rejectionOf(service.merge(contact.id, unknown));
      expect(error.code).toBe(ErrorCode.NotFound);
      expect(error.options.details).toEqual({ entity: 'contact', id: unknown });
    });

    it('answers 404 naming the company when a contact refers to a company that does not exist', async () => {
      const unknown = '01900000-0000-7000-8000-0000000000c0';
      const error = await rejectionOf(service.create({ name: 'Без компании', companyId: unknown }));
      expect(error.code).toBe(ErrorCode.NotFound);
      expect(error.options.details).toEqual({ entity: 'company', id: unknown });
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, conversations, inboxes, type DatabaseHandle, type Db } from '@app/db';
import { foldForSearch } from '@app/common';
import { databaseTargets } from '../../../test/support/databases.js';
import { TicketsRepository, type TicketListFilter } from './tickets.repository.js';

const now = new Date('2030-06-01T12:00:00Z');

describe.each(databaseTargets())('TicketsRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let db: Db;
    let repo: TicketsRepository;
    let inboxId: string;
    let otherInboxId: string;
    let contactId: string;

    beforeAll(async () => {
      handle = await target.open();
      db = handle.db;
      repo = new TicketsRepository(db);
      [{ id: inboxId }] = await db.insert(inboxes).values({ type: 'telegram', name: 'Сервис' }).returning();
      [{ id: otherInboxId }] = await db.insert(inboxes).values({ type: 'telegram', name: 'Склад' }).returning();
      [{ id: contactId }] = await db.insert(contacts).values({ name: 'Ёлкин Пётр', searchText: foldForSearch('Ёлкин Пётр') }).returning();
    });
    afterAll(() => handle?.close());

    const conversation = async (values: { status?: 'open' | 'resolved'; inbox?: string } = {}) =>
      (await db.insert(conversations).values({ inboxId: values.inbox ?? inboxId, contactId, status: values.status ?? 'open' }).returning())[0];
    const filter = (extra: Partial<TicketListFilter> = {}): TicketListFilter => ({ visibleInboxIds: null, now, ...extra });

    it('gives tickets inserted at once in separate transactions distinct numbers from 1001 up', async () => {
      const owners = await Promise.all(Array.from({ length: 10 }, () => conversation()));
      const rows = await Promise.all(owners.map((c) => db.transaction((tx) => repo.insert(tx, { conversationId: c.id, type: 'question' }))));
      const numbers = rows.map((r) => r.number);
      expect(new Set(numbers).size).toBe(10);
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(1001);
    });

    it('lists overdue tickets only when the due date passed and the conversation is not resolved, within the visible inboxes', async () => {
      const late = await repo.insert(db, { conversationId: (await conversation({ inbox: otherInboxId })).id, type: 'complaint', dueAt: new Date('2030-05-01T00:00:00Z') });
      const lateResolved = await repo.insert(db, { conversationId: (await conversation({ status: 'resolved', inbox: otherInboxId })).id, type: 'complaint', dueAt: new Date('2030-05-01T00:00:00Z') });
      const early = await repo.insert(db, { conversationId: (await conversation({ inbox: otherInboxId })).id, type: 'return', dueAt: new Date('2030-07-01T00:00:00Z') });
      const ids = async (extra: Partial<TicketListFilter>) => (await repo.list(filter({ inboxId: otherInboxId, ...extra }), undefined, 50)).map((r) => r.ticket.id);
      expect(await ids({ overdue: true })).toEqual([late.id]);
      expect(await ids({ overdue: false })).toEqual([early.id, lateResolved.id]);
      expect(await ids({ type: 'return' })).toEqual([early.id]);
      expect(await ids({ visibleInboxIds: [inboxId] })).toEqual([]);
      expect(await ids({ visibleInboxIds: [] })).toEqual([]);
      expect(await ids({ q: foldForSearch('елкин'), number: undefined })).toEqual([early.id, lateResolved.id, late.id]);
      expect(await ids({ q: String(late.number), number: late.number })).toEqual([late.id]);
    });

    it('claims an overdue alert once per due date and lists open tickets awaiting one', async () => {
      const due = new Date('2030-05-15T00:00:00Z');
      const ticket = await repo.insert(db, { conversationId: (await conversation()).id, type: 'warranty', dueAt: due });
      expect((await repo.awaitingAlert(now)).map((r) => r.id)).toContain(ticket.id);
      const claims = await Promise.all([repo.claimOverdueAlert(ticket.id, due), repo.claimOverdueAlert(ticket.id, due)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await repo.claimOverdueAlert(ticket.id, new Date('2030-05-16T00:00:00Z'))).toBe(false);
      expect((await repo.awaitingAlert(now)).map((r) => r.id)).not.toContain(ticket.id);
      const moved = new Date('2030-05-20T00:00:00Z');
      await repo.update(db, ticket.id, { dueAt: moved });
      expect((await repo.awaitingAlert(now)).map((r) => r.id)).toContain(ticket.id);
      expect((await repo.awaitingAlert(new Date('2030-05-19T00:00:00Z'))).map((r) => r.id)).not.toContain(ticket.id);
    });

    it('mirrors the resolution into closed_at and reads report rows of the period and of open tickets', async () => {
      const owner = await conversation({ inbox: otherInboxId });
      const ticket = await repo.insert(db, { conversationId: owner.id, type: 'return' });
      const closedAt = new Date();
      await repo.setClosedAt(owner.id, closedAt);
      expect((await repo.findById(ticket.id))?.ticket.closedAt?.toISOString()).toBe(closedAt.toISOString());
      const rows = await repo.reportRows([otherInboxId], new Date(Date.now() - 60_000), new Date(Date.now() + 60_000));
      expect(rows.filter((r) => r.type === 'return').length).toBeGreaterThanOrEqual(1);
      expect(await repo.reportRows([], new Date(0), new Date())).toEqual([]);
    });
  });
});

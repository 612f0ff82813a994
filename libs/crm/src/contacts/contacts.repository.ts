import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, getTableColumns, inArray, like, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@app/common';
import {
  activities,
  companies,
  contactIdentities,
  contacts,
  conversations,
  deals,
  InjectDb,
  likePattern,
  toPage,
  type Db,
  type Page,
} from '@app/db';
import type { Executor, Tx } from '../shared/db-types.js';
import { phoneDigitsOf, textArray } from '../shared/sql.js';
import type { ContactDetails, ContactFilters, ContactPointOwner, ContactRecord } from './contact.types.js';

const { searchText: _searchText, ...contactColumns } = getTableColumns(contacts);

export type ContactValues = Omit<typeof contacts.$inferInsert, 'id' | 'searchText' | 'createdAt' | 'updatedAt'>;

export function contactSearchText(contact: Pick<ContactRecord, 'name' | 'phones' | 'emails' | 'tags'>): string {
  return foldForSearch(contact.name, ...contact.phones, ...contact.emails, ...contact.tags);
}

@Injectable()
export class ContactsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async findById(id: string, executor: Executor = this.db): Promise<ContactRecord | undefined> {
    const [row] = await executor.select(contactColumns).from(contacts).where(eq(contacts.id, id)).limit(1);
    return row;
  }

  /** Locks the rows until the transaction ends, in id order so two merges of the same pair cannot deadlock. */
  async findForUpdate(tx: Tx, ids: string[]): Promise<ContactRecord[]> {
    return tx.select(contactColumns).from(contacts).where(inArray(contacts.id, ids)).orderBy(asc(contacts.id)).for('update');
  }

  async details(contact: ContactRecord): Promise<ContactDetails> {
    const [identities, company, [open]] = await Promise.all([
      this.db.select().from(contactIdentities).where(eq(contactIdentities.contactId, contact.id)).orderBy(asc(contactIdentities.id)),
      contact.companyId
        ? this.db.select({ id: companies.id, name: companies.name }).from(companies).where(eq(companies.id, contact.companyId)).limit(1)
        : Promise.resolve([]),
      this.db
        .select({ n: count() })
        .from(deals)
        .where(and(eq(deals.contactId, contact.id), eq(deals.status, 'open'))),
    ]);
    return { ...contact, identities, company: company[0] ?? null, openDealsCount: open.n };
  }

  async list(filters: ContactFilters): Promise<Page<ContactRecord>> {
    const conditions: Array<SQL | undefined> = [
      filters.q ? searchCondition(filters.q, filters.phone ?? null) : undefined,
      filters.tag ? sql`${contacts.tags} @> ${textArray([filters.tag])}` : undefined,
      filters.companyId ? eq(contacts.companyId, filters.companyId) : undefined,
      filters.blocked === undefined ? undefined : eq(contacts.blocked, filters.blocked),
      filters.cursor ? lt(contacts.id, filters.cursor) : undefined,
    ];
    const rows = await this.db
      .select(contactColumns)
      .from(contacts)
      .where(and(...conditions))
      .orderBy(desc(contacts.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  async findByPhone(phone: string, executor: Executor = this.db): Promise<ContactRecord | undefined> {
    const [row] = await executor
      .select(contactColumns)
      .from(contacts)
      .where(sql`${contacts.phones} && ${textArray([phone])}`)
      .orderBy(asc(contacts.id))
      .limit(1);
    return row;
  }

  async findByEmail(email: string, executor: Executor = this.db): Promise<ContactRecord | undefined> {
    const [row] = await executor
      .select(contactColumns)
      .from(contacts)
      .where(sql`${contacts.emails} && ${textArray([email])}`)
      .orderBy(asc(contacts.id))
      .limit(1);
    return row;
  }

  /**
   * Serialises writers of the same phone or e-mail until the transaction ends, so two requests cannot both
   * see "no duplicate" and both insert. Taken in a fixed order so concurrent writers cannot deadlock.
   */
  async lockContactPoints(tx: Tx, values: string[]): Promise<void> {
    for (const value of [...new Set(values)].sort()) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${value}))`);
    }
  }

  /** The first other contact holding one of these phones or e-mails (the GIN indexes answer the && test). */
  async findContactPointOwner(tx: Tx, phones: string[], emails: string[], exceptId?: string): Promise<ContactPointOwner | undefined> {
    if (phones.length === 0 && emails.length === 0) return undefined;
    const overlaps = or(
      phones.length ? sql`${contacts.phones} && ${textArray(phones)}` : undefined,
      emails.length ? sql`${contacts.emails} && ${textArray(emails)}` : undefined,
    );
    const [row] = await tx
      .select({ id: contacts.id, phones: contacts.phones, emails: contacts.emails })
      .from(contacts)
      .where(and(overlaps, exceptId ? ne(contacts.id, exceptId) : undefined))
      .orderBy(asc(contacts.id))
      .limit(1);
    if (!row) return undefined;
    const phone = phones.find((p) => row.phones.includes(p));
    if (phone) return { existingId: row.id, field: 'phone', value: phone };
    const email = emails.find((e) => row.emails.includes(e))!;
    return { existingId: row.id, field: 'email', value: email };
  }

  async insert(tx: Tx, values: ContactValues & Pick<ContactRecord, 'name' | 'phones' | 'emails' | 'tags'>): Promise<ContactRecord> {
    const [row] = await tx
      .insert(contacts)
      .values({ ...values, searchText: contactSearchText(values) })
      .returning(contactColumns);
    return row;
  }

  async update(tx: Tx, id: string, values: ContactValues & Pick<ContactRecord, 'name' | 'phones' | 'emails' | 'tags'>): Promise<ContactRecord> {
    const [row] = await tx
      .update(contacts)
      .set({ ...values, searchText: contactSearchText(values) })
      .where(eq(contacts.id, id))
      .returning(contactColumns);
    return row;
  }

  async delete(id: string, executor: Executor = this.db): Promise<boolean> {
    const rows = await executor.delete(contacts).where(eq(contacts.id, id)).returning({ id: contacts.id });
    return rows.length > 0;
  }

  /** Moves everything that points at one contact onto another, before the first is deleted. */
  async reassignRelated(tx: Tx, fromId: string, toId: string): Promise<void> {
    await tx.update(contactIdentities).set({ contactId: toId }).where(eq(contactIdentities.contactId, fromId));
    await tx.update(conversations).set({ contactId: toId }).where(eq(conversations.contactId, fromId));
    await tx.update(deals).set({ contactId: toId }).where(eq(deals.contactId, fromId));
    await tx.update(activities).set({ contactId: toId }).where(eq(activities.contactId, fromId));
  }
}

function searchCondition(q: string, phone: string | null): SQL | undefined {
  const digits = phoneDigitsOf(q);
  return or(
    like(contacts.searchText, likePattern(foldForSearch(q))),
    digits ? like(contacts.searchText, likePattern(digits)) : undefined,
    phone ? sql`${contacts.phones} && ${textArray([phone])}` : undefined,
  );
}

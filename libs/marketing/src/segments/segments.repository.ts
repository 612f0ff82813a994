import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, gt, like, lt, sql } from 'drizzle-orm';
import { foldForSearch } from '@app/common';
import { contacts, InjectDb, likePattern, queryRows, segments, toPage, type Db, type Page, type SegmentRow } from '@app/db';
import type { SegmentFilter } from './dto/segment-filter.dto.js';
import { compileFilter } from './segment-filter.compiler.js';

export interface SegmentValues {
  name: string;
  description: string | null;
  filter: SegmentFilter;
  createdBy?: string | null;
}

/** What a list of contacts in a segment shows. */
export interface SegmentContact {
  id: string;
  name: string;
  phones: string[];
  emails: string[];
  tags: string[];
  optedOutAt: Date | null;
}

export interface SegmentFigures {
  count: number;
  optedOut: number;
  byChannel: Record<string, number>;
  wonDeals: number;
  wonRevenue: string;
}

const contactSummary = {
  id: contacts.id,
  name: contacts.name,
  phones: contacts.phones,
  emails: contacts.emails,
  tags: contacts.tags,
  optedOutAt: contacts.optedOutAt,
};

const searchTextOf = (values: Pick<SegmentValues, 'name' | 'description'>) => foldForSearch(values.name, values.description);

/** Saved segments, and the contacts their filters select (see segment-filter.compiler.ts). */
@Injectable()
export class SegmentsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(q: string | undefined, cursor: string | undefined, limit: number): Promise<Page<SegmentRow>> {
    const rows = await this.db
      .select()
      .from(segments)
      .where(and(q ? like(segments.searchText, likePattern(foldForSearch(q))) : undefined, cursor ? lt(segments.id, cursor) : undefined))
      .orderBy(desc(segments.id))
      .limit(limit + 1);
    return toPage(rows, limit);
  }

  async findById(id: string): Promise<SegmentRow | undefined> {
    const [row] = await this.db.select().from(segments).where(eq(segments.id, id)).limit(1);
    return row;
  }

  async insert(values: SegmentValues): Promise<SegmentRow> {
    const [row] = await this.db
      .insert(segments)
      .values({ ...values, searchText: searchTextOf(values) })
      .returning();
    return row;
  }

  async update(id: string, values: SegmentValues): Promise<SegmentRow | undefined> {
    const [row] = await this.db
      .update(segments)
      .set({ ...values, searchText: searchTextOf(values) })
      .where(eq(segments.id, id))
      .returning();
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(segments).where(eq(segments.id, id)).returning({ id: segments.id });
    return rows.length > 0;
  }

  /** Matching contact ids in ascending order after `afterId`: stable batches for a campaign. */
  async idsAfter(filter: SegmentFilter, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(compileFilter(filter), afterId ? gt(contacts.id, afterId) : undefined))
      .orderBy(asc(contacts.id))
      .limit(limit);
    return rows.map((row) => row.id);
  }

  async count(filter: SegmentFilter): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(contacts).where(compileFilter(filter));
    return row.n;
  }

  async has(filter: SegmentFilter, contactId: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, contactId), compileFilter(filter)))
      .limit(1);
    return rows.length > 0;
  }

  /** Matching contacts, newest first, for lists and the editor's sample. */
  async contacts(filter: SegmentFilter, cursor: string | undefined, limit: number): Promise<Page<SegmentContact>> {
    const rows = await this.db
      .select(contactSummary)
      .from(contacts)
      .where(and(compileFilter(filter), cursor ? lt(contacts.id, cursor) : undefined))
      .orderBy(desc(contacts.id))
      .limit(limit + 1);
    return toPage(rows, limit);
  }

  async figures(filter: SegmentFilter): Promise<SegmentFigures> {
    const members = sql`select ${contacts.id} as id, ${contacts.optedOutAt} as opted_out_at from ${contacts} where ${compileFilter(filter)}`;
    const [totals] = await queryRows<{ count: number; opted_out: number; won_deals: number; won_revenue: string }>(
      this.db,
      sql`with members as (${members}),
        won as (select d.amount from deals d join members m on m.id = d.contact_id where d.status = 'won')
      select (select count(*)::int from members) as count,
        (select count(opted_out_at)::int from members) as opted_out,
        (select count(*)::int from won) as won_deals,
        (select coalesce(sum(amount), 0)::numeric(14, 2)::text from won) as won_revenue`,
    );
    const channels = await queryRows<{ type: string; n: number }>(
      this.db,
      sql`with members as (${members})
      select i.type::text as type, count(distinct ci.contact_id)::int as n
      from members m join contact_identities ci on ci.contact_id = m.id join inboxes i on i.id = ci.inbox_id
      group by i.type order by i.type`,
    );
    return {
      count: Number(totals.count),
      optedOut: Number(totals.opted_out),
      byChannel: Object.fromEntries(channels.map((row) => [row.type, Number(row.n)])),
      wonDeals: Number(totals.won_deals),
      wonRevenue: totals.won_revenue,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, getTableColumns, like, lt, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@app/common';
import { companies, contacts, dealLineItems, deals, InjectDb, likePattern, pipelineStages, toPage, type Db, type Page } from '@app/db';
import type { Executor, Tx } from '../shared/db-types.js';
import { definedValues } from '../shared/sql.js';
import type { DealDetails, DealFilters, DealRecord } from './deal.types.js';

const { searchText: _searchText, ...dealColumns } = getTableColumns(deals);

export type DealValues = Omit<typeof deals.$inferInsert, 'id' | 'searchText' | 'createdAt' | 'updatedAt'>;
export type LineItemValues = Pick<typeof dealLineItems.$inferInsert, 'name' | 'sku' | 'quantity' | 'unitPrice'>;

@Injectable()
export class DealsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async findById(id: string, executor: Executor = this.db): Promise<DealRecord | undefined> {
    const [row] = await executor.select(dealColumns).from(deals).where(eq(deals.id, id)).limit(1);
    return row;
  }

  async findForUpdate(tx: Tx, id: string): Promise<DealRecord | undefined> {
    const [row] = await tx.select(dealColumns).from(deals).where(eq(deals.id, id)).for('update');
    return row;
  }

  async details(deal: DealRecord, executor: Executor = this.db): Promise<DealDetails> {
    const [lineItems, [stage], contact, company] = await Promise.all([
      executor.select().from(dealLineItems).where(eq(dealLineItems.dealId, deal.id)).orderBy(asc(dealLineItems.position), asc(dealLineItems.id)),
      executor
        .select({ id: pipelineStages.id, name: pipelineStages.name, kind: pipelineStages.kind, probability: pipelineStages.probability })
        .from(pipelineStages)
        .where(eq(pipelineStages.id, deal.stageId)),
      deal.contactId
        ? executor.select({ id: contacts.id, name: contacts.name, phones: contacts.phones, emails: contacts.emails }).from(contacts).where(eq(contacts.id, deal.contactId))
        : Promise.resolve([]),
      deal.companyId ? executor.select({ id: companies.id, name: companies.name }).from(companies).where(eq(companies.id, deal.companyId)) : Promise.resolve([]),
    ]);
    return { ...deal, lineItems, stage: stage ?? null, contact: contact[0] ?? null, company: company[0] ?? null };
  }

  async list(filters: DealFilters): Promise<Page<DealRecord>> {
    const conditions: Array<SQL | undefined> = [
      filters.q ? like(deals.searchText, likePattern(foldForSearch(filters.q))) : undefined,
      filters.pipelineId ? eq(deals.pipelineId, filters.pipelineId) : undefined,
      filters.stageId ? eq(deals.stageId, filters.stageId) : undefined,
      filters.status ? eq(deals.status, filters.status) : undefined,
      filters.contactId ? eq(deals.contactId, filters.contactId) : undefined,
      filters.companyId ? eq(deals.companyId, filters.companyId) : undefined,
      filters.ownerId ? eq(deals.ownerId, filters.ownerId) : undefined,
      filters.cursor ? lt(deals.id, filters.cursor) : undefined,
    ];
    const rows = await this.db
      .select(dealColumns)
      .from(deals)
      .where(and(...conditions))
      .orderBy(desc(deals.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  async insert(tx: Tx, values: DealValues): Promise<DealRecord> {
    const [row] = await tx
      .insert(deals)
      .values({ ...values, searchText: foldForSearch(values.title) })
      .returning(dealColumns);
    return row;
  }

  async update(tx: Tx, id: string, changes: Partial<DealValues>): Promise<DealRecord> {
    const values = definedValues(changes);
    if (Object.keys(values).length === 0) return (await this.findById(id, tx))!;
    const [row] = await tx
      .update(deals)
      .set({ ...values, ...(values.title === undefined ? {} : { searchText: foldForSearch(values.title) }) })
      .where(eq(deals.id, id))
      .returning(dealColumns);
    return row;
  }

  async replaceLineItems(tx: Tx, dealId: string, items: LineItemValues[]): Promise<void> {
    await tx.delete(dealLineItems).where(eq(dealLineItems.dealId, dealId));
    if (items.length) await tx.insert(dealLineItems).values(items.map((item, position) => ({ ...item, dealId, position })));
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(deals).where(eq(deals.id, id)).returning({ id: deals.id });
    return rows.length > 0;
  }
}

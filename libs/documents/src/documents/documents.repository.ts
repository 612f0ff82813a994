import { Injectable } from '@nestjs/common';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { documentCounters, documents, InjectDb, toPage, type Db, type DocumentKind, type DocumentRow, type Executor, type Page } from '@app/db';

/** A document without its bytes, as lists and the API show it. */
export type DocumentRecord = Omit<DocumentRow, 'pdf'>;

const recordColumns = {
  id: documents.id,
  dealId: documents.dealId,
  templateId: documents.templateId,
  kind: documents.kind,
  number: documents.number,
  title: documents.title,
  fileName: documents.fileName,
  contentType: documents.contentType,
  size: documents.size,
  createdById: documents.createdById,
  createdAt: documents.createdAt,
};

@Injectable()
export class DocumentsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /**
   * The next number of the kind in the year. The counter row stays locked until the caller's transaction
   * ends, so two generations never get the same number and a failed one gives its number back.
   */
  async nextNumber(tx: Executor, kind: DocumentKind, year: number): Promise<number> {
    const [row] = await tx
      .insert(documentCounters)
      .values({ kind, year, lastNumber: 1 })
      .onConflictDoUpdate({ target: [documentCounters.kind, documentCounters.year], set: { lastNumber: sql`${documentCounters.lastNumber} + 1` } })
      .returning({ lastNumber: documentCounters.lastNumber });
    return row.lastNumber;
  }

  async insert(tx: Executor, values: typeof documents.$inferInsert): Promise<DocumentRecord> {
    const [row] = await tx.insert(documents).values(values).returning(recordColumns);
    return row;
  }

  async listByDeal(dealId: string, cursor: string | undefined, limit: number): Promise<Page<DocumentRecord>> {
    const rows = await this.db
      .select(recordColumns)
      .from(documents)
      .where(and(eq(documents.dealId, dealId), cursor ? lt(documents.id, cursor) : undefined))
      .orderBy(desc(documents.id))
      .limit(limit + 1);
    return toPage(rows, limit);
  }

  async findRecord(id: string): Promise<DocumentRecord | undefined> {
    const [row] = await this.db.select(recordColumns).from(documents).where(eq(documents.id, id)).limit(1);
    return row;
  }

  async findWithPdf(id: string): Promise<DocumentRow | undefined> {
    const [row] = await this.db.select().from(documents).where(eq(documents.id, id)).limit(1);
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(documents).where(eq(documents.id, id)).returning({ id: documents.id });
    return rows.length > 0;
  }
}

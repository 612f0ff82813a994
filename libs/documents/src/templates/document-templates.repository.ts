import { Injectable } from '@nestjs/common';
import { and, desc, eq, lt, ne } from 'drizzle-orm';
import { DomainException, ErrorCode } from '@app/common';
import { documentTemplates, InjectDb, isUniqueViolation, toPage, type Db, type DocumentKind, type DocumentLocale, type DocumentTemplateRow, type Executor, type Page } from '@app/db';

export type TemplateValues = Pick<DocumentTemplateRow, 'kind' | 'name' | 'locale' | 'html' | 'isDefault'>;

export interface TemplateFilters {
  kind?: DocumentKind;
  locale?: DocumentLocale;
  cursor?: string;
  limit: number;
}

@Injectable()
export class DocumentTemplatesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(filters: TemplateFilters): Promise<Page<DocumentTemplateRow>> {
    const rows = await this.db
      .select()
      .from(documentTemplates)
      .where(
        and(
          filters.kind ? eq(documentTemplates.kind, filters.kind) : undefined,
          filters.locale ? eq(documentTemplates.locale, filters.locale) : undefined,
          filters.cursor ? lt(documentTemplates.id, filters.cursor) : undefined,
        ),
      )
      .orderBy(desc(documentTemplates.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  async findById(id: string, executor: Executor = this.db): Promise<DocumentTemplateRow | undefined> {
    const [row] = await executor.select().from(documentTemplates).where(eq(documentTemplates.id, id)).limit(1);
    return row;
  }

  /** Saves a template; a new default replaces the previous default of its kind and language in the same transaction. */
  async create(values: TemplateValues, executor: Executor = this.db): Promise<DocumentTemplateRow> {
    return concurrentDefaultAsConflict(() =>
      executor.transaction(async (tx) => {
        if (values.isDefault) await this.clearDefault(tx, values.kind, values.locale);
        const [row] = await tx.insert(documentTemplates).values(values).returning();
        return row;
      }),
    );
  }

  async update(id: string, values: Partial<TemplateValues>): Promise<DocumentTemplateRow | undefined> {
    return concurrentDefaultAsConflict(() =>
      this.db.transaction(async (tx) => {
        const current = await this.findById(id, tx);
        if (!current) return undefined;
        const next = { ...current, ...values };
        if (next.isDefault) await this.clearDefault(tx, next.kind, next.locale, id);
        const [row] = await tx
          .update(documentTemplates)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(documentTemplates.id, id))
          .returning();
        return row;
      }),
    );
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(documentTemplates).where(eq(documentTemplates.id, id)).returning({ id: documentTemplates.id });
    return rows.length > 0;
  }

  private async clearDefault(executor: Executor, kind: DocumentKind, locale: DocumentLocale, exceptId?: string): Promise<void> {
    await executor
      .update(documentTemplates)
      .set({ isDefault: false })
      .where(and(eq(documentTemplates.kind, kind), eq(documentTemplates.locale, locale), eq(documentTemplates.isDefault, true), exceptId ? ne(documentTemplates.id, exceptId) : undefined));
  }
}

/** Two templates made the default of one kind and language at the same moment: one wins, the other is told to retry. */
async function concurrentDefaultAsConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainException(ErrorCode.Conflict, { params: { reason: 'another template became the default of this kind and language at the same time; save again' } });
    throw error;
  }
}

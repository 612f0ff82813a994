import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, isNotNull, like, lt, sql } from 'drizzle-orm';
import { DomainException, ErrorCode, foldForSearch } from '@app/common';
import { InjectDb, isUniqueViolation, likePattern, products, toPage, type Db, type Executor, type Page, type ProductRow } from '@app/db';

export type ProductValues = Omit<typeof products.$inferInsert, 'id' | 'searchText' | 'createdAt' | 'updatedAt'>;

const searchTextOf = (p: Pick<ProductRow, 'name' | 'sku' | 'category' | 'description'>) => foldForSearch(p.name, p.sku, p.category, p.description);

@Injectable()
export class ProductsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(filters: { q?: string; active?: boolean; category?: string; cursor?: string; limit: number }): Promise<Page<ProductRow>> {
    const rows = await this.db
      .select()
      .from(products)
      .where(
        and(
          filters.q ? like(products.searchText, likePattern(foldForSearch(filters.q))) : undefined,
          filters.active !== undefined ? eq(products.active, filters.active) : undefined,
          filters.category ? eq(products.category, filters.category) : undefined,
          filters.cursor ? lt(products.id, filters.cursor) : undefined,
        ),
      )
      .orderBy(desc(products.id))
      .limit(filters.limit + 1);
    return toPage(rows, filters.limit);
  }

  /** What a bot may sell: active products in catalog order (category, then name). */
  active(limit = 500): Promise<ProductRow[]> {
    return this.db.select().from(products).where(eq(products.active, true)).orderBy(asc(products.category), asc(products.name), asc(products.id)).limit(limit);
  }

  async findById(id: string): Promise<ProductRow | undefined> {
    const [row] = await this.db.select().from(products).where(eq(products.id, id)).limit(1);
    return row;
  }

  async create(values: ProductValues): Promise<ProductRow> {
    try {
      const [row] = await this.db.insert(products).values({ ...values, searchText: searchTextOf({ description: null, sku: null, category: null, ...values }) }).returning();
      return row;
    } catch (error) {
      throw translate(error, values.sku);
    }
  }

  async update(id: string, values: Partial<ProductValues>): Promise<ProductRow | undefined> {
    const current = await this.findById(id);
    if (!current) return undefined;
    const next = { ...current, ...values };
    try {
      const [row] = await this.db.update(products).set({ ...values, searchText: searchTextOf(next) }).where(eq(products.id, id)).returning();
      return row;
    } catch (error) {
      throw translate(error, next.sku);
    }
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(products).where(eq(products.id, id)).returning({ id: products.id });
    return rows.length > 0;
  }

  /** Takes the ordered quantities off counted stock (never below zero); uncounted products stay as they are. */
  async takeFromStock(lines: Array<{ productId: string; quantity: number }>, executor: Executor = this.db): Promise<void> {
    const ids = lines.map((l) => l.productId);
    if (ids.length === 0) return;
    const existing = new Set((await executor.select({ id: products.id }).from(products).where(and(inArray(products.id, ids), isNotNull(products.stock)))).map((r) => r.id));
    for (const line of lines) {
      if (!existing.has(line.productId)) continue;
      await executor
        .update(products)
        .set({ stock: sql`greatest(${products.stock} - ${line.quantity}, 0)` })
        .where(eq(products.id, line.productId));
    }
  }
}

function translate(error: unknown, sku: string | null | undefined): unknown {
  if (isUniqueViolation(error)) return new DomainException(ErrorCode.DuplicateSku, { params: { sku: sku ?? '' }, details: { field: 'sku' } });
  return error;
}

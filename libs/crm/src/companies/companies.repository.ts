import { Injectable } from '@nestjs/common';
import { and, count, desc, eq, getTableColumns, like, lt, or, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@app/common';
import { companies, contacts, InjectDb, likePattern, toPage, type Company, type Db, type Page } from '@app/db';
import { phoneDigitsOf } from '../shared/sql.js';

const { searchText: _searchText, ...companyColumns } = getTableColumns(companies);

/** A company as the API shows it (the search column is internal). */
export type CompanyRecord = Omit<Company, 'searchText'>;
export type CompanyValues = Pick<CompanyRecord, 'name' | 'domain' | 'phone' | 'address' | 'customFields'>;

const searchTextOf = (company: CompanyValues) => foldForSearch(company.name, company.domain, company.phone);

@Injectable()
export class CompaniesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async findById(id: string): Promise<CompanyRecord | undefined> {
    const [row] = await this.db.select(companyColumns).from(companies).where(eq(companies.id, id)).limit(1);
    return row;
  }

  async contactsCount(id: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(contacts).where(eq(contacts.companyId, id));
    return row.n;
  }

  async list(query: { q?: string; cursor?: string; limit: number }): Promise<Page<CompanyRecord>> {
    const digits = query.q ? phoneDigitsOf(query.q) : null;
    const search: SQL | undefined = query.q
      ? or(like(companies.searchText, likePattern(foldForSearch(query.q))), digits ? like(companies.searchText, likePattern(digits)) : undefined)
      : undefined;
    const rows = await this.db
      .select(companyColumns)
      .from(companies)
      .where(and(search, query.cursor ? lt(companies.id, query.cursor) : undefined))
      .orderBy(desc(companies.id))
      .limit(query.limit + 1);
    return toPage(rows, query.limit);
  }

  async insert(values: CompanyValues): Promise<CompanyRecord> {
    const [row] = await this.db
      .insert(companies)
      .values({ ...values, searchText: searchTextOf(values) })
      .returning(companyColumns);
    return row;
  }

  async update(id: string, values: CompanyValues): Promise<CompanyRecord | undefined> {
    const [row] = await this.db
      .update(companies)
      .set({ ...values, searchText: searchTextOf(values) })
      .where(eq(companies.id, id))
      .returning(companyColumns);
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(companies).where(eq(companies.id, id)).returning({ id: companies.id });
    return rows.length > 0;
  }
}

import { Injectable } from '@nestjs/common';
import { eq, inArray } from 'drizzle-orm';
import { InjectDb, reportInputs, type Db } from '@app/db';
import type { ReportInputs } from '../reports.contract.js';

const toInputs = (month: string, row?: typeof reportInputs.$inferSelect): ReportInputs => ({
  month,
  marketingSpend: Number(row?.marketingSpend ?? 0),
  salesSpend: Number(row?.salesSpend ?? 0),
  crmCost: Number(row?.crmCost ?? 0),
  baselineRevenue: Number(row?.baselineRevenue ?? 0),
});

@Injectable()
export class ReportInputsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async get(month: string): Promise<ReportInputs> {
    const [row] = await this.db.select().from(reportInputs).where(eq(reportInputs.month, month)).limit(1);
    return toInputs(month, row);
  }

  async save(month: string, values: Partial<Omit<ReportInputs, 'month'>>, userId: string | null): Promise<ReportInputs> {
    const set = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    await this.db
      .insert(reportInputs)
      .values({ month, ...set, updatedById: userId })
      .onConflictDoUpdate({ target: reportInputs.month, set: { ...set, updatedById: userId } });
    return this.get(month);
  }

  /** The sums over several months (missing months count as zero). */
  async total(months: string[]): Promise<Omit<ReportInputs, 'month'>> {
    const rows = months.length ? await this.db.select().from(reportInputs).where(inArray(reportInputs.month, months)) : [];
    const sum = (pick: (r: ReportInputs) => number) => rows.reduce((acc, r) => acc + pick(toInputs(r.month, r)), 0);
    return { marketingSpend: sum((r) => r.marketingSpend), salesSpend: sum((r) => r.salesSpend), crmCost: sum((r) => r.crmCost), baselineRevenue: sum((r) => r.baselineRevenue) };
  }
}

import { Injectable } from '@nestjs/common';
import { eq, isNull } from 'drizzle-orm';
import { documentSettings, InjectDb, type Db, type DocumentSettingsRow, type Executor } from '@app/db';

export type SellerRequisites = Pick<DocumentSettingsRow, 'companyName' | 'taxId' | 'kpp' | 'address' | 'bank' | 'account' | 'bik' | 'signatory'>;

export const EMPTY_REQUISITES: SellerRequisites = { companyName: '', taxId: '', kpp: '', address: '', bank: '', account: '', bik: '', signatory: '' };

const ROW_ID = 1;

@Injectable()
export class DocumentSettingsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async get(executor: Executor = this.db): Promise<SellerRequisites> {
    const [row] = await executor.select().from(documentSettings).where(eq(documentSettings.id, ROW_ID)).limit(1);
    return row ? pick(row) : { ...EMPTY_REQUISITES };
  }

  async save(values: SellerRequisites): Promise<SellerRequisites> {
    const [row] = await this.db
      .insert(documentSettings)
      .values({ id: ROW_ID, ...values })
      .onConflictDoUpdate({ target: documentSettings.id, set: { ...values, updatedAt: new Date() } })
      .returning();
    return pick(row);
  }

  /**
   * Marks the default templates as created; true only for the one caller that did it first, so a server
   * and a worker starting together seed them once, and deleted defaults do not come back on restart.
   */
  async claimTemplateSeeding(executor: Executor): Promise<boolean> {
    const rows = await executor
      .insert(documentSettings)
      .values({ id: ROW_ID, templatesSeededAt: new Date() })
      .onConflictDoUpdate({ target: documentSettings.id, set: { templatesSeededAt: new Date() }, setWhere: isNull(documentSettings.templatesSeededAt) })
      .returning({ id: documentSettings.id });
    return rows.length > 0;
  }
}

function pick(row: DocumentSettingsRow): SellerRequisites {
  const { companyName, taxId, kpp, address, bank, account, bik, signatory } = row;
  return { companyName, taxId, kpp, address, bank, account, bik, signatory };
}

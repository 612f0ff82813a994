import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals, documentTemplates, pipelines, pipelineStages, type DatabaseHandle } from '@app/db';
import { databaseTargets } from '../../../../test/support/databases.js';
import { DocumentSettingsRepository } from '../settings/document-settings.repository.js';
import { DocumentsRepository } from './documents.repository.js';

describe.each(databaseTargets())('DocumentsRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let documents: DocumentsRepository;
    let settings: DocumentSettingsRepository;
    let dealId: string;

    beforeAll(async () => {
      handle = await target.open();
      documents = new DocumentsRepository(handle.db);
      settings = new DocumentSettingsRepository(handle.db);
      const [pipeline] = await handle.db.insert(pipelines).values({ name: 'Продажи' }).returning();
      const [stage] = await handle.db.insert(pipelineStages).values({ pipelineId: pipeline.id, name: 'Новая' }).returning();
      const [deal] = await handle.db.insert(deals).values({ title: 'Сделка', pipelineId: pipeline.id, stageId: stage.id }).returning();
      dealId = deal.id;
    });
    afterAll(() => handle?.close());

    it('counts numbers per kind and year and never repeats one under concurrent transactions', async () => {
      const take = (kind: 'invoice' | 'quote', year: number) => handle.db.transaction((tx) => documents.nextNumber(tx, kind, year));
      const numbers = await Promise.all(Array.from({ length: 5 }, () => take('invoice', 2026)));
      expect([...numbers].sort()).toEqual([1, 2, 3, 4, 5]);
      expect(await take('quote', 2026)).toBe(1);
      expect(await take('invoice', 2027)).toBe(1);
    });

    it('gives a number back when the transaction that took it fails', async () => {
      await expect(
        handle.db.transaction(async (tx) => {
          await documents.nextNumber(tx, 'quote', 2030);
          throw new Error('rendering failed');
        }),
      ).rejects.toThrow('rendering failed');
      expect(await handle.db.transaction((tx) => documents.nextNumber(tx, 'quote', 2030))).toBe(1);
    });

    it('stores the PDF bytes exactly and lists documents without them', async () => {
      const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
      const record = await documents.insert(handle.db, { dealId, kind: 'invoice', number: 'СЧ-2026-0100', title: 'Счёт', fileName: 'Счёт.pdf', size: pdf.length, pdf });
      const stored = await documents.findWithPdf(record.id);
      expect(Buffer.isBuffer(stored!.pdf)).toBe(true);
      expect(stored!.pdf.equals(pdf)).toBe(true);
      const page = await documents.listByDeal(dealId, undefined, 10);
      expect(page.items.map((d) => d.id)).toContain(record.id);
      expect(page.items[0]).not.toHaveProperty('pdf');
    });

    it('lets only the first caller claim the default templates, even after the requisites were saved', async () => {
      await settings.save({ companyName: 'ООО «Ромашка»', taxId: '', kpp: '', address: '', bank: '', account: '', bik: '', signatory: '' });
      const claims = await Promise.all([1, 2, 3].map(() => handle.db.transaction((tx) => settings.claimTemplateSeeding(tx))));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await settings.get()).companyName).toBe('ООО «Ромашка»');
      expect(await handle.db.$count(documentTemplates)).toBe(0);
    });
  });
});

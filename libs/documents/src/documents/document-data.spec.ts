import { describe, expect, it } from 'vitest';
import { EMPTY_REQUISITES } from '../settings/document-settings.repository.js';
import { documentData, documentFileName, documentNumber, documentTitle, sampleDeal } from './document-data.js';

const DATE = new Date(Date.UTC(2026, 10, 28, 12));

describe('document data', () => {
  it('numbers documents with the kind prefix of the language, the year and four digits', () => {
    expect(documentNumber('invoice', 'ru', 2026, 1)).toBe('СЧ-2026-0001');
    expect(documentNumber('quote', 'ru', 2026, 12)).toBe('КП-2026-0012');
    expect(documentNumber('contract', 'en', 2027, 12345)).toBe('CON-2027-12345');
  });

  it('titles a document in its language and makes a file name without path characters', () => {
    expect(documentTitle({ kind: 'invoice', locale: 'ru', number: 'СЧ-2026-0001', date: DATE })).toBe('Счёт № СЧ-2026-0001 от 28.11.2026');
    expect(documentTitle({ kind: 'quote', locale: 'en', number: 'QUO-2026-0001', date: DATE })).toBe('Quote QUO-2026-0001 of 28 November 2026');
    expect(documentFileName('Счёт: 1/2 "А"\n')).toBe('Счёт_ 1_2 _А__.pdf');
  });

  it('fills line items with exact sums and the total in words', () => {
    const data = documentData(
      { ...sampleDeal('ru'), lineItems: [{ name: 'Стул', sku: null, quantity: '3.000', unitPrice: '199.99' }, { name: 'Стол', sku: null, quantity: '0.500', unitPrice: '1000.01' }] },
      { ...EMPTY_REQUISITES, companyName: 'ООО «Ромашка»' },
      { kind: 'invoice', locale: 'ru', number: 'СЧ-2026-0001', date: DATE },
    );
    expect(data.items).toEqual([
      { index: '1', name: 'Стул', sku: '', quantity: '3', price: '199,99\u00a0₽', sum: '599,97\u00a0₽' },
      { index: '2', name: 'Стол', sku: '', quantity: '0,5', price: '1\u00a0000,01\u00a0₽', sum: '500,01\u00a0₽' },
    ]);
    expect(data.values).toMatchObject({ total: '1\u00a0099,98\u00a0₽', total_in_words: 'Одна тысяча девяносто девять рублей 98 копеек', 'seller.company_name': 'ООО «Ромашка»', 'document.date': '28.11.2026' });
  });

  it('prints a deal without line items as one line with its title and amount', () => {
    const data = documentData({ ...sampleDeal('en'), lineItems: [], amount: '250.00' }, EMPTY_REQUISITES, { kind: 'invoice', locale: 'en', number: 'INV-2026-0001', date: DATE });
    expect(data.items).toEqual([{ index: '1', name: sampleDeal('en').title, sku: '', quantity: '1', price: '$250.00', sum: '$250.00' }]);
    expect(data.values.total_in_words).toBe('Two hundred fifty US dollars 00 cents');
  });
});

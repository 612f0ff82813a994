import type { DealDetails } from '@app/crm';
import { lineItemsTotal } from '@app/crm';
import type { DocumentKind, DocumentLocale } from '@app/db';
import { t } from '@app/i18n';
import { amountInWords } from '../render/amount-in-words.js';
import { formatMoney, formatQuantity } from '../render/money-format.js';
import type { TemplateData } from '../render/template-engine.js';
import type { SellerRequisites } from '../settings/document-settings.repository.js';

export type DealForDocument = Pick<DealDetails, 'title' | 'amount' | 'currency' | 'contact' | 'company'> & {
  lineItems: Array<Pick<DealDetails['lineItems'][number], 'name' | 'sku' | 'quantity' | 'unitPrice'>>;
};

export interface DocumentIdentity {
  kind: DocumentKind;
  locale: DocumentLocale;
  number: string;
  date: Date;
}

const PREFIXES: Record<DocumentLocale, Record<DocumentKind, string>> = {
  ru: { invoice: 'СЧ', quote: 'КП', contract: 'ДГ' },
  en: { invoice: 'INV', quote: 'QUO', contract: 'CON' },
};

/** "СЧ-2026-0001", "INV-2026-0001": the kind's prefix in the template's language, the year, the number in the year. */
export function documentNumber(kind: DocumentKind, locale: DocumentLocale, year: number, sequence: number): string {
  return `${PREFIXES[locale][kind]}-${year}-${String(sequence).padStart(4, '0')}`;
}

export function formatDocumentDate(date: Date, locale: DocumentLocale): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { day: '2-digit', month: locale === 'ru' ? '2-digit' : 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function documentTitle(identity: DocumentIdentity): string {
  return t('documents.title', { kind: `documents.kind.${identity.kind}`, number: identity.number, date: formatDocumentDate(identity.date, identity.locale) }, identity.locale);
}

/** A file name safe on every system, keeping Cyrillic (sent as RFC 5987 UTF-8). */
export function documentFileName(title: string): string {
  const printable = [...title].map((c) => (c.charCodeAt(0) < 32 ? '_' : c)).join('');
  return `${printable.replace(/[\\/:*?"<>|]+/g, '_').slice(0, 150)}.pdf`;
}

/**
 * What a template prints for a deal. A deal without line items prints as one line with its title and amount,
 * so an invoice is never empty; the total is the line items' exact sum.
 */
export function documentData(deal: DealForDocument, seller: SellerRequisites, identity: DocumentIdentity): TemplateData {
  const { locale } = identity;
  const lines = deal.lineItems.length ? deal.lineItems.map((item) => ({ name: item.name, sku: item.sku ?? '', quantity: item.quantity, unitPrice: item.unitPrice })) : [{ name: deal.title, sku: '', quantity: '1', unitPrice: deal.amount }];
  const total = lineItemsTotal(lines);
  const money = (amount: string) => formatMoney(amount, deal.currency, locale);
  return {
    values: {
      'deal.title': deal.title,
      'deal.amount': money(deal.amount),
      'deal.currency': deal.currency,
      'contact.name': deal.contact?.name ?? '',
      'contact.phone': deal.contact?.phones[0] ?? '',
      'contact.email': deal.contact?.emails[0] ?? '',
      'company.name': deal.company?.name ?? '',
      'seller.company_name': seller.companyName,
      'seller.tax_id': seller.taxId,
      'seller.kpp': seller.kpp,
      'seller.address': seller.address,
      'seller.bank': seller.bank,
      'seller.account': seller.account,
      'seller.bik': seller.bik,
      'seller.signatory': seller.signatory,
      'document.number': identity.number,
      'document.date': formatDocumentDate(identity.date, locale),
      'document.title': documentTitle(identity),
      total: money(total),
      total_in_words: amountInWords(total, deal.currency, locale),
    },
    items: lines.map((line, index) => ({
      index: String(index + 1),
      name: line.name,
      sku: line.sku,
      quantity: formatQuantity(String(line.quantity), locale),
      price: money(String(line.unitPrice)),
      sum: money(lineItemsTotal([line])),
    })),
  };
}

/** A deal to preview a template with before any real deal is chosen. */
export function sampleDeal(locale: DocumentLocale): DealForDocument {
  const ru = locale === 'ru';
  const item = (name: string, quantity: string, unitPrice: string) => ({ name, quantity, unitPrice, sku: null });
  return {
    title: ru ? 'Кухонный гарнитур «Ольха»' : 'Kitchen set “Alder”',
    amount: '152500.00',
    currency: ru ? 'RUB' : 'USD',
    lineItems: [item(ru ? 'Кухонный гарнитур' : 'Kitchen set', '1.000', '145000.00'), item(ru ? 'Сборка и установка' : 'Assembly and installation', '1.000', '7500.00')],
    contact: { id: '', name: ru ? 'Пётр Ёлкин' : 'John Carter', phones: [], emails: [] },
    company: { id: '', name: ru ? 'ООО «Уют»' : 'Cosy Homes Ltd' },
  };
}

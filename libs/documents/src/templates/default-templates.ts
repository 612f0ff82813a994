import type { DocumentKind, DocumentLocale } from '@app/db';

export interface DefaultTemplate {
  kind: DocumentKind;
  locale: DocumentLocale;
  name: string;
  html: string;
}

const itemsTable = (headers: [string, string, string, string, string], totalLabel: string) => `<table>
  <thead><tr><th>${headers[0]}</th><th>${headers[1]}</th><th style="text-align: right">${headers[2]}</th><th style="text-align: right">${headers[3]}</th><th style="text-align: right">${headers[4]}</th></tr></thead>
  <tbody>
    {{#items}}<tr><td>{{index}}</td><td>{{name}}</td><td style="text-align: right">{{quantity}}</td><td style="text-align: right">{{price}}</td><td style="text-align: right">{{sum}}</td></tr>{{/items}}
    <tr><td colspan="4" style="text-align: right"><strong>${totalLabel}</strong></td><td style="text-align: right"><strong>{{total}}</strong></td></tr>
  </tbody>
</table>`;

const RU_ITEMS = itemsTable(['№', 'Товары (работы, услуги)', 'Кол-во', 'Цена', 'Сумма'], 'Итого:');
const EN_ITEMS = itemsTable(['#', 'Goods and services', 'Qty', 'Price', 'Amount'], 'Total:');

const RU_SELLER = `<p><strong>Поставщик:</strong> {{seller.company_name}}, ИНН {{seller.tax_id}}, КПП {{seller.kpp}}, {{seller.address}}</p>
<p><strong>Банк:</strong> {{seller.bank}}, БИК {{seller.bik}}, р/с {{seller.account}}</p>`;
const EN_SELLER = `<p><strong>Seller:</strong> {{seller.company_name}}, tax id {{seller.tax_id}}, {{seller.address}}</p>
<p><strong>Bank:</strong> {{seller.bank}}, account {{seller.account}}, BIC {{seller.bik}}</p>`;

/** The templates a new workspace starts with, in Russian and English; an administrator edits or replaces them. */
export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    kind: 'invoice',
    locale: 'ru',
    name: 'Счёт на оплату',
    html: `<h1>Счёт на оплату № {{document.number}} от {{document.date}}</h1>
${RU_SELLER}
<p><strong>Покупатель:</strong> {{company.name}} {{contact.name}}</p>
<p><strong>Основание:</strong> {{deal.title}}</p>
${RU_ITEMS}
<p>Всего к оплате: <strong>{{total_in_words}}</strong></p>
<hr>
<p>Руководитель ____________________ {{seller.signatory}}</p>`,
  },
  {
    kind: 'quote',
    locale: 'ru',
    name: 'Коммерческое предложение',
    html: `<h1>Коммерческое предложение № {{document.number}}</h1>
<p style="text-align: right">{{document.date}}</p>
<p>Уважаемый(ая) {{contact.name}}!</p>
<p>{{seller.company_name}} предлагает по запросу «{{deal.title}}»:</p>
${RU_ITEMS}
<p>Итого: <strong>{{total}}</strong> ({{total_in_words}}).</p>
<p>Предложение действительно 14 дней.</p>
<p>С уважением, {{seller.signatory}}</p>`,
  },
  {
    kind: 'contract',
    locale: 'ru',
    name: 'Договор поставки',
    html: `<h1 style="text-align: center">Договор № {{document.number}}</h1>
<p style="text-align: right">{{document.date}}</p>
<p>{{seller.company_name}} (ИНН {{seller.tax_id}}), именуемое «Поставщик», в лице {{seller.signatory}}, и {{company.name}} {{contact.name}}, именуемый(ая) «Покупатель», заключили договор о нижеследующем.</p>
<h2>1. Предмет договора</h2>
<p>Поставщик передаёт, а Покупатель принимает и оплачивает товары (работы, услуги) по сделке «{{deal.title}}»:</p>
${RU_ITEMS}
<h2>2. Цена и порядок расчётов</h2>
<p>Цена договора: {{total}} ({{total_in_words}}). Оплата на счёт Поставщика: {{seller.bank}}, БИК {{seller.bik}}, р/с {{seller.account}}.</p>
<h2>3. Реквизиты и подписи</h2>
<table><tr><td><strong>Поставщик</strong><br>{{seller.company_name}}<br>{{seller.address}}<br><br>____________ {{seller.signatory}}</td><td><strong>Покупатель</strong><br>{{company.name}}<br>{{contact.name}}<br><br>____________</td></tr></table>`,
  },
  {
    kind: 'invoice',
    locale: 'en',
    name: 'Invoice',
    html: `<h1>Invoice {{document.number}} of {{document.date}}</h1>
${EN_SELLER}
<p><strong>Bill to:</strong> {{company.name}} {{contact.name}}</p>
<p><strong>Reference:</strong> {{deal.title}}</p>
${EN_ITEMS}
<p>Amount due: <strong>{{total_in_words}}</strong></p>
<hr>
<p>Authorised signatory ____________________ {{seller.signatory}}</p>`,
  },
  {
    kind: 'quote',
    locale: 'en',
    name: 'Quote',
    html: `<h1>Quote {{document.number}}</h1>
<p style="text-align: right">{{document.date}}</p>
<p>Dear {{contact.name}},</p>
<p>{{seller.company_name}} is pleased to offer the following for “{{deal.title}}”:</p>
${EN_ITEMS}
<p>Total: <strong>{{total}}</strong> ({{total_in_words}}).</p>
<p>This quote is valid for 14 days.</p>
<p>Kind regards, {{seller.signatory}}</p>`,
  },
  {
    kind: 'contract',
    locale: 'en',
    name: 'Supply contract',
    html: `<h1 style="text-align: center">Contract {{document.number}}</h1>
<p style="text-align: right">{{document.date}}</p>
<p>{{seller.company_name}} (the “Supplier”), represented by {{seller.signatory}}, and {{company.name}} {{contact.name}} (the “Buyer”) agree as follows.</p>
<h2>1. Subject</h2>
<p>The Supplier delivers and the Buyer accepts and pays for the goods and services of “{{deal.title}}”:</p>
${EN_ITEMS}
<h2>2. Price and payment</h2>
<p>The contract price is {{total}} ({{total_in_words}}), payable to {{seller.bank}}, account {{seller.account}}, BIC {{seller.bik}}.</p>
<h2>3. Signatures</h2>
<table><tr><td><strong>Supplier</strong><br>{{seller.company_name}}<br>{{seller.address}}<br><br>____________ {{seller.signatory}}</td><td><strong>Buyer</strong><br>{{company.name}}<br>{{contact.name}}<br><br>____________</td></tr></table>`,
  },
];

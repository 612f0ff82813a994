import { Injectable } from '@nestjs/common';
import { KbArticlesRepository } from './kb-articles.repository.js';
import { KbCategoriesRepository } from './kb-categories.repository.js';
import type { KbLocale } from './knowledge.contract.js';

interface DemoArticle {
  title: string;
  slug: string;
  summary: string;
  body: string;
}

interface DemoCategory {
  name: string;
  slug: string;
  description: string;
  articles: DemoArticle[];
}

const DEMO: Record<KbLocale, DemoCategory[]> = {
  ru: [
    {
      name: 'Доставка',
      slug: 'dostavka',
      description: 'Сроки, стоимость и способы доставки',
      articles: [
        {
          title: 'Доставка',
          slug: 'dostavka',
          summary: 'Курьером по Москве и Санкт-Петербургу за 1–2 дня, в другие города — транспортной компанией.',
          body: '## Сроки\n\n- Москва и Санкт-Петербург: **1–2 дня**, курьером.\n- Другие города: 3–7 дней, транспортной компанией.\n\n## Стоимость\n\nДоставка бесплатна при заказе от 5000 ₽, иначе — 350 ₽.\n\nКурьер позвонит за час до приезда. Перенести доставку можно, ответив на сообщение с номером заказа.',
        },
      ],
    },
    {
      name: 'Возврат и обмен',
      slug: 'vozvrat',
      description: 'Как вернуть или обменять товар',
      articles: [
        {
          title: 'Возврат товара',
          slug: 'vozvrat-tovara',
          summary: 'Вернуть товар надлежащего качества можно в течение 14 дней после получения.',
          body: '1. Напишите нам номер заказа и причину возврата.\n2. Упакуйте товар с биркой и чеком.\n3. Передайте его курьеру — мы пришлём его бесплатно.\n\nДеньги вернутся тем же способом, которым вы платили, в течение **10 дней**.',
        },
      ],
    },
    {
      name: 'Оплата',
      slug: 'oplata',
      description: 'Способы оплаты и документы',
      articles: [
        {
          title: 'Способы оплаты',
          slug: 'sposoby-oplaty',
          summary: 'Картой на сайте, по СБП, наличными или картой курьеру, по счёту для компаний.',
          body: '- Банковской картой на сайте или по **СБП**.\n- Наличными или картой курьеру при получении.\n- Компании платят по счёту: попросите счёт в чате, приложите реквизиты.',
        },
      ],
    },
  ],
  en: [
    {
      name: 'Delivery',
      slug: 'delivery',
      description: 'Delivery times, costs and options',
      articles: [
        {
          title: 'Delivery',
          slug: 'delivery',
          summary: 'Courier delivery in Moscow and Saint Petersburg in 1–2 days; other cities by carrier.',
          body: '## Times\n\n- Moscow and Saint Petersburg: **1–2 days** by courier.\n- Other cities: 3–7 days by carrier.\n\n## Cost\n\nDelivery is free for orders over 5,000 ₽, otherwise 350 ₽.',
        },
      ],
    },
    {
      name: 'Returns',
      slug: 'returns',
      description: 'How to return or exchange an item',
      articles: [
        {
          title: 'Return an item',
          slug: 'return-an-item',
          summary: 'Items in good condition can be returned within 14 days of delivery.',
          body: '1. Send us your order number and the reason.\n2. Pack the item with its tag and receipt.\n3. Hand it to our courier: the pick-up is free.\n\nThe money is refunded the way you paid within **10 days**.',
        },
      ],
    },
    {
      name: 'Payment',
      slug: 'payment',
      description: 'Payment methods and invoices',
      articles: [
        {
          title: 'Payment methods',
          slug: 'payment-methods',
          summary: 'Card on the site, SBP, cash or card to the courier, or an invoice for companies.',
          body: '- Bank card on the site or **SBP**.\n- Cash or card to the courier on delivery.\n- Companies pay by invoice: ask for one in the chat.',
        },
      ],
    },
  ],
};

/** The demo workspace's help center: delivery, returns and payment, in Russian and in English. */
@Injectable()
export class KnowledgeDemo {
  constructor(
    private readonly categories: KbCategoriesRepository,
    private readonly articles: KbArticlesRepository,
  ) {}

  async seed(): Promise<void> {
    if ((await this.categories.list()).length) return;
    for (const locale of ['ru', 'en'] as const) {
      let position = 0;
      for (const category of DEMO[locale]) {
        const { articles, ...values } = category;
        const row = await this.categories.create({ ...values, locale, position: position++ });
        for (const article of articles) {
          await this.articles.create({ ...article, categoryId: row.id, locale, status: 'published', authorId: null });
        }
      }
    }
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@app/db';
import { databaseTargets } from '../../../test/support/databases.js';
import { KbArticlesRepository, type ArticleValues } from './kb-articles.repository.js';
import { KbCategoriesRepository } from './kb-categories.repository.js';

const article = (values: Partial<ArticleValues> & Pick<ArticleValues, 'title' | 'slug'>): ArticleValues => ({
  summary: '',
  body: '',
  locale: 'ru',
  status: 'published',
  categoryId: null,
  authorId: null,
  ...values,
});

describe.each(databaseTargets())('KbArticlesRepository on $name', (target) => {
  describe.skipIf(target.skipReason)('', () => {
    let handle: DatabaseHandle;
    let articles: KbArticlesRepository;
    let categories: KbCategoriesRepository;

    beforeAll(async () => {
      handle = await target.open();
      articles = new KbArticlesRepository(handle.db);
      categories = new KbCategoriesRepository(handle.db);
      const help = await categories.create({ name: 'Заказы', slug: 'orders', description: null, position: 0, locale: null });
      await articles.create(article({ title: 'Возврат товара', slug: 'vozvrat', summary: 'Как вернуть товар в течение 14 дней', body: 'Заполните **заявление** на возврат.', categoryId: help.id }));
      await articles.create(article({ title: 'Доставка', slug: 'dostavka', summary: 'Сроки и стоимость', body: 'Курьер привезёт заказ за 1–3 дня.', categoryId: help.id }));
      await articles.create(article({ title: 'Return an item', slug: 'return-an-item', summary: 'Send it back within 14 days', body: 'Fill in the returns form.', locale: 'en' }));
      await articles.create(article({ title: 'Оплата картой', slug: 'oplata', summary: 'Черновик', status: 'draft' }));
    });
    afterAll(() => handle?.close());

    const titles = (hits: Array<{ title: string }>) => hits.map((h) => h.title);

    it('finds Russian articles by inflected forms when stemming with the russian config', async () => {
      expect(titles(await articles.search('возврата товаров', { locale: 'ru', publishedOnly: true, limit: 5, match: 'all' }))).toEqual(['Возврат товара']);
      expect(titles(await articles.search('доставку', { locale: 'ru', publishedOnly: true, limit: 5, match: 'all' }))).toEqual(['Доставка']);
    });

    it('finds English articles by stem when the language is not given', async () => {
      const hits = await articles.search('returning items', { publishedOnly: true, limit: 5, match: 'all' });
      expect(titles(hits)).toEqual(['Return an item']);
      expect(hits[0]!.rank).toBeGreaterThan(0);
    });

    it('finds a word typed in part through the folded text', async () => {
      expect(titles(await articles.search('достав', { publishedOnly: true, limit: 5, match: 'all' }))).toEqual(['Доставка']);
    });

    it('ranks a title match above a body match when both match', async () => {
      await articles.create(article({ title: 'Гарантия', slug: 'garantiya', body: 'Возврат денег при браке.' }));
      expect(titles(await articles.search('возврат', { locale: 'ru', publishedOnly: true, limit: 5, match: 'all' }))).toEqual(['Возврат товара', 'Гарантия']);
    });

    it('leaves drafts out when only published articles are asked for', async () => {
      expect(await articles.search('оплата', { publishedOnly: true, limit: 5, match: 'all' })).toEqual([]);
      expect(titles(await articles.search('оплатой', { publishedOnly: false, limit: 5, match: 'all' }))).toEqual(['Оплата картой']);
    });

    it('matches a customer message by any of its words when matching loosely', async () => {
      const hits = await articles.search('Здравствуйте! Хочу вернуть куртку, она не подошла', { publishedOnly: true, limit: 3, match: 'any' });
      expect(titles(hits)[0]).toBe('Возврат товара');
    });

    it('rebuilds the search vector when the title and language change', async () => {
      const created = await articles.create(article({ title: 'Черновик', slug: 'chernovik' }));
      await articles.update(created, { title: 'Shipping abroad', locale: 'en' });
      expect(titles(await articles.search('shipped', { locale: 'en', publishedOnly: true, limit: 5, match: 'all' }))).toEqual(['Shipping abroad']);
    });

    it('counts only published articles per category when asked for public counts', async () => {
      const [orders] = await categories.list({ publishedOnly: true });
      expect(orders).toMatchObject({ slug: 'orders', articleCount: 2 });
    });
  });
});

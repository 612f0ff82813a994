import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@app/db';
import { pgliteTarget } from '../../../test/support/databases.js';
import { KbArticlesRepository } from './kb-articles.repository.js';
import { KbCategoriesRepository } from './kb-categories.repository.js';
import { KnowledgeDemo } from './knowledge-demo.js';

describe('KnowledgeDemo', () => {
  let handle: DatabaseHandle;
  let articles: KbArticlesRepository;
  let demo: KnowledgeDemo;

  beforeAll(async () => {
    handle = await pgliteTarget.open();
    articles = new KbArticlesRepository(handle.db);
    demo = new KnowledgeDemo(new KbCategoriesRepository(handle.db), articles);
  });
  afterAll(() => handle?.close());

  it('publishes delivery, returns and payment articles in both languages once', async () => {
    await demo.seed();
    await demo.seed();
    const all = await articles.list({ limit: 50, status: 'published' });
    expect(all.items.map((a) => `${a.locale}:${a.slug}`).sort()).toEqual(['en:delivery', 'en:payment-methods', 'en:return-an-item', 'ru:dostavka', 'ru:sposoby-oplaty', 'ru:vozvrat-tovara']);
    const found = await articles.search('оплатить картой курьеру', { publishedOnly: true, limit: 1, match: 'all' });
    expect(found.map((a) => a.title)).toEqual(['Способы оплаты']);
  });
});

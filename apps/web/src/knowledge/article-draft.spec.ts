import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, isDirty, payloadOf } from './article-draft.js';
import type { KbArticle } from './types.js';

const article: KbArticle = {
  id: 'a1',
  categoryId: null,
  title: 'Доставка',
  slug: 'dostavka',
  summary: 'Сроки',
  body: '## Сроки',
  locale: 'ru',
  status: 'published',
  views: 3,
  updatedAt: '2026-01-01T00:00:00Z',
  publishedAt: '2026-01-01T00:00:00Z',
  authorId: null,
  helpfulYes: 0,
  helpfulNo: 0,
  publicUrl: 'https://shop.example/help/dostavka',
  createdAt: '2026-01-01T00:00:00Z',
};

describe('article draft', () => {
  it('leaves the slug out and sends no section when they are empty', () => {
    const payload = payloadOf({ ...emptyDraft(null, 'en'), title: 'Delivery', slug: '  ' });
    expect(payload).toEqual({ title: 'Delivery', categoryId: null, locale: 'en', status: 'draft', summary: '', body: '' });
  });

  it('keeps a typed slug and the chosen section when they are given', () => {
    expect(payloadOf({ ...draftOf(article), categoryId: 'c1' })).toMatchObject({ slug: 'dostavka', categoryId: 'c1' });
  });

  it('is dirty only when a field differs from the saved article', () => {
    const saved = draftOf(article);
    expect(isDirty({ ...saved }, saved)).toBe(false);
    expect(isDirty({ ...saved, body: '## Сроки\n' }, saved)).toBe(true);
  });
});

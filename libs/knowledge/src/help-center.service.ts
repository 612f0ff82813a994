import { Injectable } from '@nestjs/common';
import type { KbCategoryRow } from '@app/db';
import { KbArticlesRepository, type ArticleHit, type ArticleRow } from './kb-articles.repository.js';
import { KbCategoriesRepository, type CategoryWithCount } from './kb-categories.repository.js';
import type { KbLocale } from './knowledge.contract.js';

export interface HelpFront {
  categories: CategoryWithCount[];
  latest: ArticleRow[];
  uncategorized: ArticleRow[];
}

/** What the public help center reads: published articles only. */
@Injectable()
export class HelpCenterService {
  constructor(
    private readonly categories: KbCategoriesRepository,
    private readonly articles: KbArticlesRepository,
  ) {}

  async front(locale: KbLocale): Promise<HelpFront> {
    const categories = (await this.categories.list({ locale, publishedOnly: true })).filter((c) => c.articleCount > 0);
    const uncategorized = await this.articles.publishedInCategory(null, locale);
    const listed = new Set(uncategorized.map((a) => a.id));
    return {
      categories,
      latest: (await this.articles.latestPublished(locale, 6 + listed.size)).filter((a) => !listed.has(a.id)).slice(0, 6),
      uncategorized,
    };
  }

  /** A category's published articles in the reader's language, or in any language when it has none in theirs. */
  async category(slug: string, locale: KbLocale): Promise<{ category: KbCategoryRow; articles: ArticleRow[] } | null> {
    const category = await this.categories.findBySlug(slug);
    if (!category) return null;
    const own = await this.articles.publishedInCategory(category.id, locale);
    return { category, articles: own.length ? own : await this.articles.publishedInCategory(category.id, undefined) };
  }

  /** A published article (counted as a view) with its category. */
  async article(slug: string): Promise<{ article: ArticleRow; category: KbCategoryRow | null } | null> {
    const article = await this.articles.findBySlug(slug);
    if (!article || article.status !== 'published') return null;
    await this.articles.countView(article.id);
    const category = article.categoryId ? ((await this.categories.findById(article.categoryId)) ?? null) : null;
    return { article, category };
  }

  /** Every language, each article with its own stemming: a reader may type in either language. */
  search(q: string): Promise<ArticleHit[]> {
    return this.articles.search(q, { publishedOnly: true, limit: 20, match: 'all' });
  }
}

import type { KbCategoryRow } from '@app/db';
import type { ArticleHit, ArticleRow } from './kb-articles.repository.js';
import type { CategoryWithCount } from './kb-categories.repository.js';
import type { KbArticle, KbArticleSummary, KbCategory, KbSearchHit } from './knowledge.contract.js';

export function toCategoryView(row: CategoryWithCount | KbCategoryRow): KbCategory {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    position: row.position,
    locale: row.locale,
    articleCount: 'articleCount' in row ? row.articleCount : 0,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSummaryView(row: ArticleRow): KbArticleSummary {
  return {
    id: row.id,
    categoryId: row.categoryId,
    title: row.title,
    slug: row.slug,
    summary: row.summary,
    locale: row.locale,
    status: row.status,
    views: row.views,
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export function toArticleView(row: ArticleRow, publicUrl: string): KbArticle {
  return {
    ...toSummaryView(row),
    body: row.body,
    authorId: row.authorId,
    helpfulYes: row.helpfulYes,
    helpfulNo: row.helpfulNo,
    publicUrl: row.status === 'published' ? publicUrl : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toHitView(row: ArticleHit): KbSearchHit {
  return { ...toSummaryView(row), rank: row.rank };
}

/**
 * The knowledge base's REST shapes, shared with the web app (`import type` only).
 */
export type KbLocale = 'ru' | 'en';
export type KbStatus = 'draft' | 'published';

export interface KbCategory {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  position: number;
  /** null: shown for every language. */
  locale: KbLocale | null;
  /** Articles in the category (published only, on the public pages). */
  articleCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface KbArticleSummary {
  id: string;
  categoryId: string | null;
  title: string;
  slug: string;
  summary: string;
  locale: KbLocale;
  status: KbStatus;
  views: number;
  updatedAt: string;
  publishedAt: string | null;
}

export interface KbArticle extends KbArticleSummary {
  body: string;
  authorId: string | null;
  helpfulYes: number;
  helpfulNo: number;
  /** The public page (/help/<slug>), answered for published articles. */
  publicUrl: string | null;
  createdAt: string;
}

export interface KbSearchHit extends KbArticleSummary {
  /** ts_rank of the full-text match; 0 for a match on a part of a word only. */
  rank: number;
}

export interface KbSuggestion {
  id: string;
  title: string;
  slug: string;
  summary: string;
  locale: KbLocale;
  url: string;
}

export interface KbSuggestionsResponse {
  /** The customer's message the suggestions were found for (null when they have not written yet). */
  query: string | null;
  items: KbSuggestion[];
}

export interface KbPreviewResponse {
  html: string;
}

import type { KbArticle, KbLocale, KbStatus } from './types.js';

/** The editor's form: every field as typed. */
export interface ArticleDraft {
  title: string;
  slug: string;
  categoryId: string;
  locale: KbLocale;
  status: KbStatus;
  summary: string;
  body: string;
}

export const NEW_ARTICLE = 'new';

export function emptyDraft(categoryId: string | null, locale: KbLocale): ArticleDraft {
  return { title: '', slug: '', categoryId: categoryId ?? '', locale, status: 'draft', summary: '', body: '' };
}

export function draftOf(article: KbArticle): ArticleDraft {
  return {
    title: article.title,
    slug: article.slug,
    categoryId: article.categoryId ?? '',
    locale: article.locale,
    status: article.status,
    summary: article.summary,
    body: article.body,
  };
}

/** The body the API takes: an empty slug is made by the server from the title, an empty section is none. */
export function payloadOf(draft: ArticleDraft) {
  const slug = draft.slug.trim();
  return {
    title: draft.title,
    ...(slug ? { slug } : {}),
    categoryId: draft.categoryId || null,
    locale: draft.locale,
    status: draft.status,
    summary: draft.summary,
    body: draft.body,
  };
}

export function isDirty(draft: ArticleDraft, saved: ArticleDraft): boolean {
  return (Object.keys(draft) as Array<keyof ArticleDraft>).some((key) => draft[key] !== saved[key]);
}

import { Inject, Injectable } from '@nestjs/common';
import { type AuthUser } from '@app/auth';
import { DomainException, ErrorCode, notFound } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { isForeignKeyViolation, isUniqueViolation, type Page } from '@app/db';
import type { MessageKey } from '@app/i18n';
import { ConversationsService } from '@app/inbox';
import type {
  CreateArticleInput,
  CreateCategoryInput,
  ListArticlesQuery,
  SearchArticlesQuery,
  UpdateArticleInput,
  UpdateCategoryInput,
} from './dto/knowledge.dto.js';
import { KbArticlesRepository, type ArticleHit, type ArticleRow } from './kb-articles.repository.js';
import { KbCategoriesRepository } from './kb-categories.repository.js';
import type { KbArticle, KbArticleSummary, KbCategory, KbLocale, KbSearchHit, KbSuggestion, KbSuggestionsResponse } from './knowledge.contract.js';
import { toArticleView, toCategoryView, toHitView, toSummaryView } from './knowledge-views.js';
import { renderMarkdown } from './markdown.js';
import { slugify } from './slug.js';

const SUGGESTIONS = 3;
/** How far back in the thread the customer's last message is looked for. */
const RECENT_MESSAGES = 50;

/** The knowledge base for agents and bots: categories, articles, search, suggestions for a conversation. */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly categories: KbCategoriesRepository,
    private readonly articles: KbArticlesRepository,
    private readonly conversations: ConversationsService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'PUBLIC_URL'>,
  ) {}

  /** The public page of an article: PUBLIC_URL/help/<slug>, or the request's own origin when PUBLIC_URL is unset. */
  publicUrlOf(slug: string, origin?: string): string {
    const base = (this.config.PUBLIC_URL ?? origin ?? '').replace(/\/+$/, '');
    return `${base}/help/${encodeURIComponent(slug)}`;
  }

  async listCategories(): Promise<KbCategory[]> {
    return (await this.categories.list()).map(toCategoryView);
  }

  async createCategory(input: CreateCategoryInput): Promise<KbCategory> {
    const slug = input.slug ?? (await this.freeSlug(slugify(input.name), (s) => this.categories.findBySlug(s)));
    const row = await this.categories.create({ ...input, slug }).catch((error: unknown) => {
      throw translate(error, slug, 'entity.kb_category');
    });
    return toCategoryView(row);
  }

  async updateCategory(id: string, input: UpdateCategoryInput): Promise<KbCategory> {
    const row = await this.categories.update(id, input).catch((error: unknown) => {
      throw translate(error, input.slug ?? '', 'entity.kb_category');
    });
    if (!row) throw notFound('entity.kb_category', id);
    return toCategoryView(row);
  }

  async deleteCategory(id: string): Promise<void> {
    if (!(await this.categories.delete(id))) throw notFound('entity.kb_category', id);
  }

  async listArticles(query: ListArticlesQuery): Promise<Page<KbArticleSummary>> {
    const page = await this.articles.list(query);
    return { items: page.items.map(toSummaryView), nextCursor: page.nextCursor };
  }

  async getArticle(id: string, origin?: string): Promise<KbArticle> {
    const row = await this.articles.findById(id);
    if (!row) throw notFound('entity.kb_article', id);
    return this.view(row, origin);
  }

  async createArticle(user: AuthUser, input: CreateArticleInput, origin?: string): Promise<KbArticle> {
    const slug = input.slug ?? (await this.freeSlug(slugify(input.title), (s) => this.articles.findBySlug(s)));
    const row = await this.articles.create({ ...input, slug, authorId: user.kind === 'user' ? user.id : null }).catch((error: unknown) => {
      throw translate(error, slug, 'entity.kb_article', input.categoryId);
    });
    return this.view(row, origin);
  }

  async updateArticle(id: string, input: UpdateArticleInput, origin?: string): Promise<KbArticle> {
    const current = await this.articles.findById(id);
    if (!current) throw notFound('entity.kb_article', id);
    const row = await this.articles.update(current, input).catch((error: unknown) => {
      throw translate(error, input.slug ?? current.slug, 'entity.kb_article', input.categoryId);
    });
    if (!row) throw notFound('entity.kb_article', id);
    return this.view(row, origin);
  }

  async deleteArticle(id: string): Promise<void> {
    if (!(await this.articles.delete(id))) throw notFound('entity.kb_article', id);
  }

  async search(query: SearchArticlesQuery): Promise<{ items: KbSearchHit[] }> {
    const hits = await this.articles.search(query.q, { locale: query.locale, publishedOnly: query.published ?? false, limit: query.limit, match: 'all' });
    return { items: hits.map(toHitView) };
  }

  /** Published articles that answer a customer's words: every word first, else the most words. */
  async answersFor(text: string, limit: number, locale?: KbLocale): Promise<ArticleHit[]> {
    const strict = await this.articles.search(text, { locale, publishedOnly: true, limit, match: 'all' });
    if (strict.length) return strict;
    return this.articles.search(text, { locale, publishedOnly: true, limit, match: 'any' });
  }

  /** The best published article for a bot's question, preferring the customer's language. */
  async bestAnswer(text: string, locale: KbLocale): Promise<KbSuggestion | null> {
    const hits = await this.answersFor(text, 5);
    const best = hits.find((h) => h.locale === locale) ?? hits[0];
    return best ? this.suggestionOf(best) : null;
  }

  /** Up to three published articles for the customer's last message in a conversation the agent may see (404 otherwise). */
  async suggestions(user: AuthUser, conversationId: string, origin?: string): Promise<KbSuggestionsResponse> {
    const { items } = await this.conversations.messagesPage(user, conversationId, undefined, RECENT_MESSAGES);
    const last = items.findLast((m) => m.messageType === 'incoming' && m.content?.trim());
    const query = last?.content?.trim() ?? null;
    if (!query) return { query, items: [] };
    const hits = await this.answersFor(query, SUGGESTIONS);
    return { query, items: hits.map((h) => this.suggestionOf(h, origin)) };
  }

  preview(body: string): { html: string } {
    return { html: renderMarkdown(body) };
  }

  private suggestionOf(row: ArticleRow, origin?: string): KbSuggestion {
    return { id: row.id, title: row.title, slug: row.slug, summary: row.summary, locale: row.locale, url: this.publicUrlOf(row.slug, origin) };
  }

  private view(row: ArticleRow, origin?: string): KbArticle {
    return toArticleView(row, this.publicUrlOf(row.slug, origin));
  }

  /** A slug made from a title gets a number when it is taken ("delivery-2"); a slug given by hand does not. */
  private async freeSlug(base: string, find: (slug: string) => Promise<unknown>): Promise<string> {
    for (let n = 1; n < 100; n++) {
      const candidate = n === 1 ? base : `${base.slice(0, 76)}-${n}`;
      if (!(await find(candidate))) return candidate;
    }
    return `${base.slice(0, 70)}-${Date.now().toString(36)}`;
  }
}

function translate(error: unknown, slug: string, entity: MessageKey, categoryId?: string | null): unknown {
  if (isUniqueViolation(error)) return new DomainException(ErrorCode.DuplicateSlug, { params: { slug, entity }, details: { field: 'slug' } });
  if (isForeignKeyViolation(error) && categoryId) return notFound('entity.kb_category', categoryId);
  return error;
}

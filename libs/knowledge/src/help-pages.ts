import type { KbCategoryRow } from '@app/db';
import { t, type Locale, type MessageKey, type MessageParams } from '@app/i18n';
import type { ArticleRow } from './kb-articles.repository.js';
import type { CategoryWithCount } from './kb-categories.repository.js';
import type { HelpFront } from './help-center.service.js';
import { escapeHtml, renderMarkdown } from './markdown.js';

/** The reader's language for the page's own texts, and whether they chose it with ?lang= (kept in links). */
export interface HelpChrome {
  locale: Locale;
  explicit: boolean;
  /** The current path with its query, for the language switch. */
  path: string;
  query: Record<string, string>;
}

const STYLE = `
  *{box-sizing:border-box}
  body{margin:0;font:16px/1.6 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2937;background:#f6f7f9}
  a{color:#2453c7}
  header{background:#1f3a8a;color:#fff}
  header .bar{max-width:880px;margin:0 auto;padding:14px 20px;display:flex;justify-content:space-between;align-items:center;gap:12px}
  header a{color:#fff;text-decoration:none;font-weight:600}
  .langs a{font-weight:400;margin-left:8px;opacity:.8}.langs a[aria-current]{opacity:1;text-decoration:underline}
  main{max-width:880px;margin:0 auto;padding:24px 20px 64px}
  form.search{display:flex;gap:8px;margin:8px 0 24px}
  form.search input{flex:1;padding:10px 12px;font:inherit;border:1px solid #c7ccd6;border-radius:8px}
  form.search button{padding:10px 18px;font:inherit;border:0;border-radius:8px;background:#2453c7;color:#fff;cursor:pointer}
  .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:12px;padding:0;list-style:none}
  .cards li{background:#fff;border:1px solid #e3e6ec;border-radius:10px;padding:14px 16px}
  .cards a{font-weight:600;text-decoration:none}
  .muted{color:#6b7280;font-size:14px}
  ul.articles{padding:0;list-style:none}ul.articles li{background:#fff;border:1px solid #e3e6ec;border-radius:10px;padding:12px 16px;margin-bottom:8px}
  article.body{background:#fff;border:1px solid #e3e6ec;border-radius:10px;padding:20px 24px}
  article.body pre{background:#f3f4f6;padding:12px;border-radius:6px;overflow:auto}
  blockquote{margin:0;padding-left:14px;border-left:3px solid #c7ccd6;color:#4b5563}
  nav.crumbs{font-size:14px;margin-bottom:8px}
  footer{max-width:880px;margin:0 auto;padding:0 20px 40px;color:#6b7280;font-size:14px}
`;

class Page {
  constructor(readonly chrome: HelpChrome) {}

  tr(key: MessageKey, params: MessageParams = {}): string {
    return escapeHtml(t(key, params, this.chrome.locale));
  }

  /** A link inside the help center, keeping the chosen language. */
  href(path: string, query: Record<string, string> = {}): string {
    const params = new URLSearchParams(query);
    if (this.chrome.explicit) params.set('lang', this.chrome.locale);
    const search = params.toString();
    return escapeHtml(search ? `${path}?${search}` : path);
  }

  date(value: Date): string {
    return new Intl.DateTimeFormat(this.chrome.locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'long' }).format(value);
  }

  searchForm(q = ''): string {
    return `<form class="search" action="/help" method="get" role="search">
  <label for="q" hidden>${this.tr('help.search.label')}</label>
  <input id="q" name="q" type="search" value="${escapeHtml(q)}" placeholder="${this.tr('help.search.placeholder')}" maxlength="200">
  ${this.chrome.explicit ? `<input type="hidden" name="lang" value="${this.chrome.locale}">` : ''}
  <button type="submit">${this.tr('help.search.button')}</button>
</form>`;
  }

  articleList(articles: ArticleRow[]): string {
    return `<ul class="articles">${articles
      .map((a) => `<li lang="${a.locale}"><a href="${this.href(`/help/${encodeURIComponent(a.slug)}`)}">${escapeHtml(a.title)}</a>${a.summary ? `<div class="muted">${escapeHtml(a.summary)}</div>` : ''}</li>`)
      .join('')}</ul>`;
  }

  categoryCards(categories: CategoryWithCount[]): string {
    return `<ul class="cards">${categories
      .map(
        (c) => `<li><a href="${this.href(`/help/category/${encodeURIComponent(c.slug)}`)}">${escapeHtml(c.name)}</a>
  ${c.description ? `<div class="muted">${escapeHtml(c.description)}</div>` : ''}<div class="muted">${this.tr('help.category.articles', { count: c.articleCount })}</div></li>`,
      )
      .join('')}</ul>`;
  }

  languageSwitch(): string {
    const links = (['ru', 'en'] as const)
      .map((lang) => {
        const params = new URLSearchParams({ ...this.chrome.query, lang });
        const current = lang === this.chrome.locale ? ' aria-current="true"' : '';
        return `<a href="${escapeHtml(`${this.chrome.path}?${params.toString()}`)}" hreflang="${lang}"${current}>${lang === 'ru' ? 'Русский' : 'English'}</a>`;
      })
      .join('');
    return `<nav class="langs" aria-label="${this.tr('help.language')}">${links}</nav>`;
  }

  /** The whole document; `lang` is the language of the content (an article's own), the chrome follows the reader's. */
  document(title: string, content: string, lang: Locale = this.chrome.locale): string {
    return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title === this.tr('help.title') ? title : `${title} — ${this.tr('help.title')}`}</title>
<style>${STYLE}</style>
</head>
<body>
<header><div class="bar"><a href="${this.href('/help')}" lang="${this.chrome.locale}">${this.tr('help.title')}</a>${this.languageSwitch()}</div></header>
<main>${content}</main>
<footer lang="${this.chrome.locale}">${this.tr('help.contact')}</footer>
</body>
</html>`;
  }
}

export function renderFrontPage(chrome: HelpChrome, front: HelpFront): string {
  const page = new Page(chrome);
  const empty = !front.categories.length && !front.latest.length;
  const content = `<h1>${page.tr('help.title')}</h1>
<p class="muted">${page.tr('help.tagline')}</p>
${page.searchForm()}
${empty ? `<p>${page.tr('help.empty')}</p>` : ''}
${front.categories.length ? `<h2>${page.tr('help.categories')}</h2>${page.categoryCards(front.categories)}` : ''}
${front.latest.length ? `<h2>${page.tr('help.latest')}</h2>${page.articleList(front.latest)}` : ''}
${front.uncategorized.length ? `<h2>${page.tr('help.uncategorized')}</h2>${page.articleList(front.uncategorized)}` : ''}`;
  return page.document(page.tr('help.title'), content);
}

export function renderCategoryPage(chrome: HelpChrome, category: KbCategoryRow, articles: ArticleRow[]): string {
  const page = new Page(chrome);
  const content = `<nav class="crumbs"><a href="${page.href('/help')}">${page.tr('help.breadcrumb.home')}</a></nav>
<h1>${escapeHtml(category.name)}</h1>
${category.description ? `<p class="muted">${escapeHtml(category.description)}</p>` : ''}
${page.searchForm()}
${articles.length ? page.articleList(articles) : `<p>${page.tr('help.category.empty')}</p>`}`;
  return page.document(escapeHtml(category.name), content);
}

export function renderArticlePage(chrome: HelpChrome, article: ArticleRow, category: KbCategoryRow | null): string {
  const page = new Page(chrome);
  const crumbs = [`<a href="${page.href('/help')}">${page.tr('help.breadcrumb.home')}</a>`];
  if (category) crumbs.push(`<a href="${page.href(`/help/category/${encodeURIComponent(category.slug)}`)}">${escapeHtml(category.name)}</a>`);
  const content = `<nav class="crumbs" lang="${chrome.locale}">${crumbs.join(' / ')}</nav>
<article class="body" lang="${article.locale}">
<h1>${escapeHtml(article.title)}</h1>
${article.summary ? `<p class="muted">${escapeHtml(article.summary)}</p>` : ''}
${renderMarkdown(article.body)}
</article>
<p class="muted" lang="${chrome.locale}">${page.tr('help.updated', { date: page.date(article.updatedAt) })}</p>
<div lang="${chrome.locale}">${page.searchForm()}</div>`;
  return page.document(escapeHtml(article.title), content, article.locale);
}

export function renderSearchPage(chrome: HelpChrome, q: string, hits: ArticleRow[]): string {
  const page = new Page(chrome);
  const content = `<nav class="crumbs"><a href="${page.href('/help')}">${page.tr('help.breadcrumb.home')}</a></nav>
<h1>${page.tr('help.search.results', { q })}</h1>
${page.searchForm(q)}
${hits.length ? page.articleList(hits) : `<p>${page.tr('help.search.none', { q })}</p>`}`;
  return page.document(page.tr('help.search.results', { q }), content);
}

export function renderNotFoundPage(chrome: HelpChrome): string {
  const page = new Page(chrome);
  const content = `<h1>${page.tr('help.not_found.title')}</h1>
<p>${page.tr('help.not_found.text')}</p>
${page.searchForm()}
<p><a href="${page.href('/help')}">${page.tr('help.not_found.home')}</a></p>`;
  return page.document(page.tr('help.not_found.title'), content);
}

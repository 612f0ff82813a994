import { Controller, Get, Header, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Public } from '@app/auth';
import { requestContext } from '@app/common';
import { isLocale } from '@app/i18n';
import { HelpCenterService } from './help-center.service.js';
import { renderArticlePage, renderCategoryPage, renderFrontPage, renderNotFoundPage, renderSearchPage, type HelpChrome } from './help-pages.js';

// Readers get pages, never a validation error: a long query is cut, an odd slug is simply not an article.
const helpQuerySchema = z.object({ q: z.string().trim().transform((q) => q.slice(0, 200)).optional(), lang: z.string().optional() });
const slugParam = z.string().transform((slug) => slug.slice(0, 200));

/** The public help center: HTML pages for customers, no sign-in, published articles only. */
@ApiExcludeController()
@Public()
@Controller('help')
export class HelpPagesController {
  constructor(private readonly help: HelpCenterService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  async front(@Req() req: Request, @Query({ schema: helpQuerySchema }) query: z.output<typeof helpQuerySchema>): Promise<string> {
    const chrome = chromeOf(req, query);
    if (query.q) return renderSearchPage(chrome, query.q, await this.help.search(query.q));
    return renderFrontPage(chrome, await this.help.front(chrome.locale));
  }

  @Get('category/:slug')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  async category(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('slug', { schema: slugParam }) slug: string, @Query({ schema: helpQuerySchema }) query: z.output<typeof helpQuerySchema>): Promise<string> {
    const chrome = chromeOf(req, query);
    const found = await this.help.category(slug, chrome.locale);
    if (!found) return notFound(res, chrome);
    return renderCategoryPage(chrome, found.category, found.articles);
  }

  @Get(':slug')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  async article(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Param('slug', { schema: slugParam }) slug: string, @Query({ schema: helpQuerySchema }) query: z.output<typeof helpQuerySchema>): Promise<string> {
    const chrome = chromeOf(req, query);
    const found = await this.help.article(slug);
    if (!found) return notFound(res, chrome);
    return renderArticlePage(chrome, found.article, found.category);
  }

  @Get('*rest')
  @Header('Content-Type', 'text/html; charset=utf-8')
  unknown(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query({ schema: helpQuerySchema }) query: z.output<typeof helpQuerySchema>): string {
    return notFound(res, chromeOf(req, query));
  }
}

function notFound(res: Response, chrome: HelpChrome): string {
  res.status(404);
  return renderNotFoundPage(chrome);
}

/** ?lang= or Accept-Language (the request context has already chosen between them). */
function chromeOf(req: Request, query: z.output<typeof helpQuerySchema>): HelpChrome {
  const { lang: _lang, ...rest } = Object.fromEntries(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { locale: requestContext.locale(), explicit: isLocale(query.lang), path: req.path, query: rest };
}

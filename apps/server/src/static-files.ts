import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

/** The project root, from sources (apps/server/src) and from the build (dist/apps/server/src) alike. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

const ROOT = projectRoot();
export const WEB_DIST = resolve(ROOT, 'apps/web/dist');
export const WIDGET_DIST = resolve(ROOT, 'apps/widget/dist');

const SERVER_PATHS = /^\/(api|webhooks|socket\.io|widget\.js|demo|help)(\/|$)/;

/**
 * Serves the built agent web app at / (any other path falls back to its index.html, so the app's own
 * routes survive a reload) and the web-chat widget at /widget.js, when they have been built.
 */
export function serveStaticFiles(app: NestExpressApplication): { web: boolean; widget: boolean } {
  const widgetFile = join(WIDGET_DIST, 'widget.js');
  const widget = existsSync(widgetFile);
  if (widget) {
    app.use('/widget.js', (_req: Request, res: Response) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(widgetFile);
    });
  }
  const index = join(WEB_DIST, 'index.html');
  const web = existsSync(index);
  if (web) {
    app.use(express.static(WEB_DIST, { index: false, maxAge: '1h' }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
  return { web, widget };
}

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const WIDGET_JS = 'apps/widget/dist/widget.js';
const SOURCES = ['apps/widget/src', 'apps/widget/vite.config.ts', 'libs/i18n/src/catalog-widget.en.ts', 'libs/i18n/src/catalog-widget.ru.ts'];

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Builds the widget bundle when it is missing or older than its sources, so browser tests run the code under test. */
export function ensureWidgetBuilt(): string {
  const stale = !existsSync(WIDGET_JS) || Math.max(...SOURCES.map(newestChange)) > statSync(WIDGET_JS).mtimeMs;
  if (stale) execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/widget/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  return WIDGET_JS;
}

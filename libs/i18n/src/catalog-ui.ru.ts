import type { uiEn } from './catalog-ui.en.js';

/** Texts of the agent web app (apps/web), part of the Russian catalog: the same keys as catalog-ui.en.ts. */
export const uiRu: Record<keyof typeof uiEn, string> = {
  'ui.app.name': 'Omnibox',
};

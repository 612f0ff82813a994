/** Texts of the agent web app (apps/web), part of the English catalog. */
export const uiEn = {
  'ui.app.name': 'Omnibox',
} as const;

import { widgetEn, widgetRu } from '@app/i18n';

export type WidgetLocale = 'ru' | 'en';
export type WidgetTextKey = keyof typeof widgetEn;
export type Translate = (key: WidgetTextKey, params?: Record<string, string | number>) => string;

/** The inbox's fixed language, else the first of the browser's languages the widget speaks, else English. */
export function pickLocale(fixed: WidgetLocale | null, browserLanguages: readonly string[]): WidgetLocale {
  if (fixed) return fixed;
  for (const language of browserLanguages) {
    const primary = language.slice(0, 2).toLowerCase();
    if (primary === 'ru' || primary === 'en') return primary;
  }
  return 'en';
}

export function translator(locale: WidgetLocale): Translate {
  const catalog: Record<WidgetTextKey, string> = locale === 'ru' ? widgetRu : widgetEn;
  return (key, params = {}) => catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

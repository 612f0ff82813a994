import { en, type MessageKey } from './catalog.en.js';
import { ru } from './catalog.ru.js';

export const LOCALES = ['ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const catalogs: Record<Locale, Record<MessageKey, string>> = { en, ru };

export type MessageParams = Record<string, string | number | null | undefined>;

/** Renders a message in the locale; {name} placeholders take values from params. */
export function t(key: MessageKey, params: MessageParams = {}, locale: Locale = 'ru'): string {
  const template = catalogs[locale][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    // An entity parameter names a catalog key ("entity.contact"): translate it too.
    return typeof value === 'string' && value in en ? catalogs[locale][value as MessageKey] : String(value);
  });
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header (q-values respected). */
export function localeFromAcceptLanguage(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.find((r) => isLocale(r.lang))?.lang as Locale | undefined ?? fallback;
}

import { isLocale, type Locale } from '@app/i18n';

/** The product language closest to a contact's locale ("ru-RU" → ru), else the fallback. */
export function localeOfContact(locale: string | null | undefined, fallback: Locale): Locale {
  const language = locale?.slice(0, 2).toLowerCase();
  return isLocale(language) ? language : fallback;
}

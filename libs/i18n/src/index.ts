export { t, isLocale, localeFromAcceptLanguage, LOCALES, type Locale, type MessageParams } from './translate.js';
export { en } from './catalog.en.js';
export { ru } from './catalog.ru.js';
export type { MessageKey } from './catalog.en.js';

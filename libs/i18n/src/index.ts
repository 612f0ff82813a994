export { t, isLocale, localeFromAcceptLanguage, LOCALES, type Locale, type MessageParams } from './translate.js';
export { en } from './catalog.en.js';
export { ru } from './catalog.ru.js';
export { widgetEn } from './catalog-widget.en.js';
export { widgetRu } from './catalog-widget.ru.js';
export type { MessageKey } from './catalog.en.js';

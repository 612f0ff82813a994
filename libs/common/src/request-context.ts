import { AsyncLocalStorage } from 'node:async_hooks';
import type { Locale } from '@app/i18n';

export interface RequestContext {
  requestId: string;
  locale: Locale;
}

const storage = new AsyncLocalStorage<RequestContext>();
let defaultLocale: Locale = 'ru';

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  locale(): Locale {
    return storage.getStore()?.locale ?? defaultLocale;
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  setDefaultLocale(locale: Locale) {
    defaultLocale = locale;
  },
};

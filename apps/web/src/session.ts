import type { Locale, User } from './api/types.js';

export interface Session {
  token: string;
  user: User;
  /** Epoch milliseconds after which the token is no longer accepted. */
  expiresAt: number;
}

const SESSION_KEY = 'omnibox.session';
const LOCALE_KEY = 'omnibox.locale';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function createSession(token: string, user: User, expiresInSeconds: number, now = Date.now()): Session {
  return { token, user, expiresAt: now + expiresInSeconds * 1000 };
}

/** The stored session, or why there is none: a session past its expiry is removed and reported as expired. */
export function loadSession(store: KeyValueStore, now = Date.now()): { session: Session | null; expired: boolean } {
  const raw = store.getItem(SESSION_KEY);
  if (!raw) return { session: null, expired: false };
  try {
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || !session.user?.id) throw new Error('malformed');
    if (typeof session.expiresAt === 'number' && session.expiresAt <= now) {
      store.removeItem(SESSION_KEY);
      return { session: null, expired: true };
    }
    return { session, expired: false };
  } catch {
    store.removeItem(SESSION_KEY);
    return { session: null, expired: false };
  }
}

export function saveSession(store: KeyValueStore, session: Session | null) {
  if (session) store.setItem(SESSION_KEY, JSON.stringify(session));
  else store.removeItem(SESSION_KEY);
}

export function toLocale(value: string | null | undefined): Locale | null {
  const two = value?.slice(0, 2).toLowerCase();
  return two === 'ru' || two === 'en' ? two : null;
}

/** The language before sign-in: the last one chosen here, else the browser's, else Russian. */
export function initialLocale(store: KeyValueStore, browserLanguages: readonly string[]): Locale {
  return toLocale(store.getItem(LOCALE_KEY)) ?? browserLanguages.map(toLocale).find((l) => l !== null) ?? 'ru';
}

export function rememberLocale(store: KeyValueStore, locale: Locale) {
  store.setItem(LOCALE_KEY, locale);
}

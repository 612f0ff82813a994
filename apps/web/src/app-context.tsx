import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { t as translate, type MessageKey, type MessageParams } from '@app/i18n';
import { configureApi } from './api/client.js';
import type { Locale, User } from './api/types.js';
import { parseRoute, routePath, type Route } from './router.js';
import { initialLocale, loadSession, rememberLocale, saveSession, toLocale, type Session } from './session.js';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

interface AppState {
  session: Session | null;
  me: User | null;
  locale: Locale;
  t: Translate;
  setLocale(locale: Locale): void;
  signIn(session: Session): void;
  /** Signs out; with a notice the login page explains why (an expired session). */
  signOut(notice?: MessageKey): void;
  loginNotice: MessageKey | null;
  route: Route;
  navigate(to: Route, options?: { replace?: boolean }): void;
  toasts: Toast[];
  notify(text: string, kind?: Toast['kind']): void;
  dismiss(id: number): void;
}

const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside AppProvider');
  return state;
}

function currentRoute(): Route {
  return parseRoute(window.location.pathname, window.location.search);
}

export function AppProvider({ children }: { children: ReactNode }) {
  const initial = useMemo(() => loadSession(window.localStorage), []);
  const [session, setSession] = useState<Session | null>(initial.session);
  const [loginNotice, setLoginNotice] = useState<MessageKey | null>(initial.expired ? 'ui.login.expired' : null);
  const [locale, setLocaleState] = useState<Locale>(() => toLocale(initial.session?.user.locale) ?? initialLocale(window.localStorage, navigator.languages ?? []));
  const [route, setRoute] = useState<Route>(currentRoute);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const toastId = useRef(0);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const localeRef = useRef(locale);
  localeRef.current = locale;

  const t = useCallback<Translate>((key, params) => translate(key, params, locale), [locale]);

  const navigate = useCallback((to: Route, options: { replace?: boolean } = {}) => {
    const path = routePath(to);
    if (path !== window.location.pathname + window.location.search) {
      if (options.replace) window.history.replaceState(null, '', path);
      else window.history.pushState(null, '', path);
    }
    setRoute(to);
  }, []);

  useEffect(() => {
    const onPop = () => setRoute(currentRoute());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const signOut = useCallback((notice?: MessageKey) => {
    saveSession(window.localStorage, null);
    setSession(null);
    setLoginNotice(notice ?? null);
  }, []);

  const signIn = useCallback((next: Session) => {
    saveSession(window.localStorage, next);
    setSession(next);
    setLoginNotice(null);
    const userLocale = toLocale(next.user.locale);
    if (userLocale) setLocaleState(userLocale);
  }, []);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    rememberLocale(window.localStorage, next);
    const current = sessionRef.current;
    if (current) {
      const updated = { ...current, user: { ...current.user, locale: next } };
      saveSession(window.localStorage, updated);
      setSession(updated);
    }
  }, []);

  const notify = useCallback((text: string, kind: Toast['kind'] = 'info') => {
    const id = ++toastId.current;
    setToasts((list) => [...list.slice(-3), { id, text, kind }]);
    setTimeout(() => setToasts((list) => list.filter((x) => x.id !== id)), kind === 'error' ? 8000 : 4000);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);

  configureApi({
    token: () => sessionRef.current?.token ?? null,
    locale: () => localeRef.current,
    onSessionLost: () => {
      if (sessionRef.current) signOut('ui.login.expired');
    },
    networkMessage: () => translate('ui.error.network', {}, localeRef.current),
  });

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // A session that runs out while the app is open ends with the same notice as one found expired at start.
  const expiresAt = session?.expiresAt;
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setTimeout(() => signOut('ui.login.expired'), Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [expiresAt, signOut]);

  const value: AppState = {
    session,
    me: session?.user ?? null,
    locale,
    t,
    setLocale,
    signIn,
    signOut,
    loginNotice,
    route,
    navigate,
    toasts,
    notify,
    dismiss,
  };
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

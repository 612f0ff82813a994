import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from './api/client.js';
import { useApp } from './app-context.js';
import type { Route } from './router.js';
import { dispatchShortcut } from './shortcut-bus.js';
import { resolveShortcut, SHORTCUTS } from './shortcuts.js';
import { Avatar } from './ui/bits.js';
import { Icon, type IconName } from './ui/icons.js';
import { useWorkspace } from './workspace.js';

export function LocaleSwitcher() {
  const { locale, setLocale, me, t } = useApp();
  const choose = (next: 'ru' | 'en') => {
    if (next === locale) return;
    setLocale(next);
    // The choice follows the agent to other devices; the screen changes at once either way.
    if (me) void api.patch(`/users/${me.id}`, { locale: next }).catch(() => undefined);
  };
  return (
    <div className="locale" role="group" aria-label={t('ui.locale.label')}>
      {(['ru', 'en'] as const).map((l) => (
        <button key={l} type="button" className={l === locale ? 'locale__btn is-active' : 'locale__btn'} aria-pressed={l === locale} onClick={() => choose(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

function ConnectionBanner() {
  const { liveStatus } = useWorkspace();
  const { t } = useApp();
  if (liveStatus === 'online') return null;
  return (
    <div className={`connection connection--${liveStatus}`} role="status" aria-live="polite" data-testid="connection-state">
      <span className="connection__pulse" aria-hidden="true" />
      {liveStatus === 'reconnecting' ? t('ui.live.reconnecting') : t('ui.live.connecting')}
    </div>
  );
}

function HelpOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useApp();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <section className="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(e) => e.stopPropagation()}>
        <header className="dialog__head">
          <h2 id="help-title">{t('ui.shortcuts.title')}</h2>
          <button ref={closeRef} type="button" className="btn btn--ghost" onClick={onClose} aria-label={t('ui.action.close')}>
            <Icon name="close" />
          </button>
        </header>
        <dl className="shortcuts">
          {SHORTCUTS.map((s) => (
            <div key={s.label + s.keys.join()} className="shortcuts__row">
              <dt>
                {s.keys.map((k, i) => (
                  <kbd key={i}>{k}</kbd>
                ))}
              </dt>
              <dd>{t(s.label)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

const NAV: Array<{ page: Route['page']; to: Route; label: 'ui.nav.inbox' | 'ui.nav.deals' | 'ui.nav.contacts' | 'ui.nav.companies' | 'ui.nav.tickets' | 'ui.nav.marketing' | 'ui.nav.knowledge' | 'ui.nav.bots' | 'ui.nav.reports' | 'ui.nav.settings'; icon: IconName }> = [
  { page: 'inbox', to: { page: 'inbox', conversationId: null, panel: false }, label: 'ui.nav.inbox', icon: 'inbox' },
  { page: 'deals', to: { page: 'deals', dealId: null }, label: 'ui.nav.deals', icon: 'board' },
  { page: 'contacts', to: { page: 'contacts', contactId: null }, label: 'ui.nav.contacts', icon: 'user' },
  { page: 'companies', to: { page: 'companies', companyId: null }, label: 'ui.nav.companies', icon: 'building' },
  { page: 'tickets', to: { page: 'tickets', ticketId: null }, label: 'ui.nav.tickets', icon: 'ticket' },
  { page: 'marketing', to: { page: 'marketing', section: null, id: null }, label: 'ui.nav.marketing', icon: 'megaphone' },
  { page: 'knowledge', to: { page: 'knowledge', articleId: null }, label: 'ui.nav.knowledge', icon: 'book' },
  { page: 'bots', to: { page: 'bots', flowId: null }, label: 'ui.nav.bots', icon: 'bot' },
  { page: 'reports', to: { page: 'reports', section: null }, label: 'ui.nav.reports', icon: 'chart' },
  { page: 'settings', to: { page: 'settings', section: null, id: null }, label: 'ui.nav.settings', icon: 'settings' },
];

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function Shell({ children }: { children: ReactNode }) {
  const { t, me, route, navigate, signOut, toasts, dismiss } = useApp();
  const { online } = useWorkspace();
  const [help, setHelp] = useState(false);
  const pending = useRef<'g' | null>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { action, pending: next } = resolveShortcut(
        { key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, editable: isEditable(event.target) },
        pending.current,
      );
      pending.current = next;
      if (!action) return;
      if (action === 'help') setHelp((v) => !v);
      else if (action === 'escape' && help) setHelp(false);
      else if (action === 'goInbox') navigate(NAV[0].to);
      else if (action === 'goDeals') navigate(NAV[1].to);
      else if (action === 'goContacts') navigate(NAV[2].to);
      else if (action === 'goCompanies') navigate(NAV[3].to);
      else if (!dispatchShortcut(action)) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [help, navigate]);

  return (
    <div className="app">
      <header className="topbar">
        <a className="topbar__brand" href="/inbox" onClick={(e) => (e.preventDefault(), navigate(NAV[0].to))}>
          <span className="logo" aria-hidden="true" />
          <span className="topbar__name">Omnibox</span>
        </a>
        <nav className="topbar__nav" aria-label={t('ui.nav.label')}>
          {NAV.map((item) => (
            <a
              key={item.page}
              href={`/${item.page}`}
              className={route.page === item.page ? 'topbar__link is-active' : 'topbar__link'}
              aria-current={route.page === item.page ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(item.to);
              }}
            >
              <span className="topbar__icon" aria-hidden="true">
                <Icon name={item.icon} size={17} />
              </span>
              <span className="topbar__label">{t(item.label)}</span>
            </a>
          ))}
        </nav>
        <ConnectionBanner />
        <div className="topbar__end">
          <button type="button" className="btn btn--ghost btn--icon topbar__help" onClick={() => setHelp(true)} aria-label={t('ui.shortcuts.title')} title={t('ui.shortcuts.title')}>
            ?
          </button>
          <LocaleSwitcher />
          <span className="topbar__me" title={me?.email}>
            <Avatar name={me?.name} size="sm" online={me ? online.has(me.id) : undefined} />
            <span className="topbar__me-name">{me?.name}</span>
          </span>
          <button type="button" className="btn btn--ghost topbar__logout" onClick={() => signOut()} aria-label={t('ui.action.logout')} title={t('ui.action.logout')}>
            <Icon name="logout" />
            <span className="topbar__logout-text">{t('ui.action.logout')}</span>
          </button>
        </div>
      </header>
      <div className="app__body">{children}</div>
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
      <div className="toasts" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
            <span>{toast.text}</span>
            <button type="button" className="btn btn--ghost btn--icon" onClick={() => dismiss(toast.id)} aria-label={t('ui.action.close')}>
              <Icon name="close" size={14} />
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}

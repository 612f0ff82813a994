import { useApp } from '../app-context.js';
import { ErrorBoundary } from '../ui/error-boundary.js';
import { SECTIONS, sectionsFor } from './sections.js';

/** Workspace settings: a menu of the sections the user's role may open, and the open section. */
export function SettingsPage({ section, id }: { section: string | null; id: string | null }) {
  const { t, me, navigate, locale } = useApp();
  const mine = sectionsFor(me?.role);
  const current = mine.find((s) => s.id === section) ?? (section ? null : mine[0]);
  const forbidden = section !== null && !current && SECTIONS.some((s) => s.id === section);
  const Screen = current?.component;
  return (
    <div className={section ? 'settings settings--open' : 'settings'}>
      <nav className="settings__menu" aria-label={t('ui.nav.settings')}>
        <h2 className="settings__menu-title">{t('ui.nav.settings')}</h2>
        {mine.map((s) => (
          <a
            key={s.id}
            href={`/settings/${s.id}`}
            className={s.id === current?.id ? 'settings__link is-active' : 'settings__link'}
            aria-current={s.id === current?.id ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              navigate({ page: 'settings', section: s.id, id: null });
            }}
          >
            {t(s.labelKey)}
          </a>
        ))}
      </nav>
      <section className="settings__body">
        <button type="button" className="btn btn--ghost settings__to-menu" onClick={() => navigate({ page: 'settings', section: null, id: null })}>
          ← {t('ui.nav.settings')}
        </button>
        {Screen ? (
          <ErrorBoundary locale={locale} key={current?.id}>
            <Screen id={id} />
          </ErrorBoundary>
        ) : (
          <p className="notice notice--warn settings__no-access" role="alert">
            {forbidden ? t('ui.settings.no_access') : t('ui.not_found')}
          </p>
        )}
      </section>
    </div>
  );
}

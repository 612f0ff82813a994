import type { MessageKey } from '@app/i18n';
import { useApp } from '../app-context.js';

export const REPORT_SECTIONS = ['overview', 'agents', 'teams', 'inboxes', 'channels', 'labels', 'sales'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export function isReportSection(value: string | null): value is ReportSection {
  return (REPORT_SECTIONS as readonly (string | null)[]).includes(value);
}

const LABELS: Record<ReportSection | 'live', MessageKey> = {
  live: 'ui.dashboard.title',
  overview: 'ui.reports.section.overview',
  agents: 'ui.reports.section.agents',
  teams: 'ui.reports.section.teams',
  inboxes: 'ui.reports.section.inboxes',
  channels: 'ui.reports.section.channels',
  labels: 'ui.reports.section.labels',
  sales: 'ui.reports.section.sales',
};

/** The tabs between the live dashboard and the report pages. */
export function ReportsNav({ current, showReports }: { current: ReportSection | null; showReports: boolean }) {
  const { t, navigate } = useApp();
  const sections: Array<ReportSection | null> = showReports ? [null, ...REPORT_SECTIONS] : [null];
  return (
    <nav className="reports-nav" aria-label={t('ui.reports.nav_label')}>
      {sections.map((section) => (
        <a
          key={section ?? 'live'}
          href={section ? `/reports/${section}` : '/reports'}
          className={section === current ? 'reports-nav__link is-active' : 'reports-nav__link'}
          aria-current={section === current ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'reports', section });
          }}
        >
          {t(LABELS[section ?? 'live'])}
        </a>
      ))}
    </nav>
  );
}

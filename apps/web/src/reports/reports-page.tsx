import { lazy, Suspense } from 'react';
import { useApp } from '../app-context.js';
import { Empty, Spinner } from '../ui/bits.js';
import { DashboardPage } from './dashboard-page.js';
import { isReportSection, ReportsNav } from './reports-nav.js';

// The charting library loads only when a report page opens, not with the inbox.
const ReportSectionView = lazy(() => import('./report-section-view.js').then((m) => ({ default: m.ReportSectionView })));

/** The live dashboard (no section) and the report pages; reports are for supervisors and admins. */
export function ReportsPage({ section }: { section: string | null }) {
  const { t, me } = useApp();
  const canReport = me?.role === 'admin' || me?.role === 'supervisor';
  const known = section === null || isReportSection(section);
  const current = isReportSection(section) ? section : null;

  return (
    <div className="reports">
      <header className="page-head reports-head">
        <h1>{current ? t('ui.reports.title') : t('ui.dashboard.title')}</h1>
        <ReportsNav current={current} showReports={canReport} />
      </header>
      {!known ? (
        <Empty>{t('ui.not_found')}</Empty>
      ) : current === null ? (
        <DashboardPage />
      ) : canReport ? (
        <Suspense fallback={<Spinner label={t('ui.loading')} />}>
          <ReportSectionView section={current} />
        </Suspense>
      ) : (
        <div className="reports-denied" role="alert">
          <h2>{t('ui.reports.denied_title')}</h2>
          <p>{t('ui.reports.denied_text')}</p>
        </div>
      )}
    </div>
  );
}

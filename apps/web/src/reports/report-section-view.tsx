import { useMemo, useState } from 'react';
import { BreakdownReport } from './breakdown-report.js';
import { OverviewReport } from './overview-report.js';
import { ReportFiltersBar } from './report-filters.js';
import { NO_FILTERS, reportQuery, type ReportFilterState } from './report-query.js';
import type { ReportSection } from './reports-nav.js';
import { SalesReport } from './sales-report.js';
import { useStoredRange } from './stored-range.js';
import type { BreakdownDimension } from './types.js';

const DIMENSIONS: Partial<Record<ReportSection, BreakdownDimension>> = {
  agents: 'agent',
  teams: 'team',
  inboxes: 'inbox',
  channels: 'channel',
  labels: 'label',
};

/** A report page under the shared period and filters, which stay as they are between pages. */
export function ReportSectionView({ section }: { section: ReportSection }) {
  const [range, setRange] = useStoredRange();
  const [filters, setFilters] = useState<ReportFilterState>(NO_FILTERS);
  const query = useMemo(() => reportQuery(range, filters), [range, filters]);
  const dimension = DIMENSIONS[section];
  return (
    <>
      <ReportFiltersBar range={range} onRange={setRange} filters={filters} onFilters={setFilters} />
      {section === 'overview' ? <OverviewReport query={query} range={range} /> : null}
      {section === 'sales' ? <SalesReport query={query} range={range} /> : null}
      {dimension ? <BreakdownReport key={dimension} dimension={dimension} query={query} /> : null}
    </>
  );
}

import { useState } from 'react';
import { useApp } from '../app-context.js';
import { downloadReportCsv } from './csv-export.js';

/** Downloads the report shown, with the same period and filters, as a CSV file. */
export function ExportButton({ query, fileName, label }: { query: Record<string, string>; fileName: string; label?: string }) {
  const { t, session, locale, notify } = useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadReportCsv(query, { token: session?.token ?? null, locale }, fileName);
    } catch (caught) {
      notify(caught instanceof Error ? caught.message : String(caught), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn btn--small reports-export" onClick={() => void run()} disabled={busy}>
      {label ?? t('ui.reports.export_csv')}
    </button>
  );
}

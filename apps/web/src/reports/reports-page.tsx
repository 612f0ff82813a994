import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';

export function ReportsPage(_props: { section: string | null }) {
  const { t } = useApp();
  return <Empty>{t('ui.nav.reports')}</Empty>;
}

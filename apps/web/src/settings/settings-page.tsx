import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';

export function SettingsPage(_props: { section: string | null; id: string | null }) {
  const { t } = useApp();
  return <Empty>{t('ui.nav.settings')}</Empty>;
}

import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';

export function BotsPage(_props: { flowId: string | null }) {
  const { t } = useApp();
  return <Empty>{t('ui.nav.bots')}</Empty>;
}

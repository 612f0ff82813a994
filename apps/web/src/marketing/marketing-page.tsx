import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';

/** Segments, campaigns and triggered messages. */
export function MarketingPage({ section, id }: { section: string | null; id: string | null }) {
  const { t } = useApp();
  void section;
  void id;
  return <Empty>{t('ui.not_found')}</Empty>;
}

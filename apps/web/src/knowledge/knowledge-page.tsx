import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';

/** Knowledge base articles and categories. */
export function KnowledgePage({ articleId }: { articleId: string | null }) {
  const { t } = useApp();
  void articleId;
  return <Empty>{t('ui.not_found')}</Empty>;
}

import { lazy, Suspense } from 'react';
import { useApp } from '../app-context.js';
import { Spinner } from '../ui/bits.js';
import { FlowList } from './flow-list.js';
import { ProductsPage } from './products-page.js';

// The editor brings the graph library with it: it loads when a flow is opened, not with the inbox.
const FlowPage = lazy(() => import('./flow-page.js').then((m) => ({ default: m.FlowPage })));

/** The catalog lives at /bots/products: flow ids are UUIDs, so the word never names a flow. */
export const PRODUCTS_SECTION = 'products';

export function BotsPage({ flowId }: { flowId: string | null }) {
  if (flowId && flowId !== PRODUCTS_SECTION) return <FlowEditor flowId={flowId} />;
  const tab = flowId === PRODUCTS_SECTION ? 'products' : 'flows';
  return (
    <div className="bots">
      <BotsTabs tab={tab} />
      {tab === 'products' ? <ProductsPage /> : <FlowList />}
    </div>
  );
}

function BotsTabs({ tab }: { tab: 'flows' | 'products' }) {
  const { t, navigate } = useApp();
  const links = [
    { id: 'flows', label: t('ui.bots.tab.flows'), flowId: null },
    { id: 'products', label: t('ui.bots.tab.products'), flowId: PRODUCTS_SECTION },
  ] as const;
  return (
    <nav className="bots-sections" aria-label={t('ui.nav.bots')}>
      {links.map((link) => (
        <a
          key={link.id}
          href={link.flowId ? `/bots/${link.flowId}` : '/bots'}
          className={tab === link.id ? 'bots-sections__link is-active' : 'bots-sections__link'}
          aria-current={tab === link.id ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate({ page: 'bots', flowId: link.flowId });
          }}
        >
          {link.label}
        </a>
      ))}
    </nav>
  );
}

function FlowEditor({ flowId }: { flowId: string }) {
  const { t } = useApp();
  return (
    <Suspense fallback={<Spinner label={t('ui.loading')} />}>
      <FlowPage key={flowId} flowId={flowId} />
    </Suspense>
  );
}

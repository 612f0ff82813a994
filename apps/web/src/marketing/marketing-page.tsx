import { useApp } from '../app-context.js';
import { Empty } from '../ui/bits.js';
import { CampaignsSection } from './campaigns/campaigns-section.js';
import { SegmentsSection } from './segments/segments-section.js';
import { TriggersSection } from './triggers/triggers-section.js';

const SECTIONS = ['segments', 'campaigns', 'triggers'] as const;
type Section = (typeof SECTIONS)[number];

/** Segments, campaigns and triggered messages, with a tab per section. */
export function MarketingPage({ section, id }: { section: string | null; id: string | null }) {
  const { t, navigate } = useApp();
  const current: Section | null = section === null ? 'segments' : (SECTIONS as readonly string[]).includes(section) ? (section as Section) : null;
  const label = { segments: t('ui.marketing.segments'), campaigns: t('ui.marketing.campaigns'), triggers: t('ui.marketing.triggers') };
  return (
    <div className="marketing">
      <header className="page-head">
        <h1>{t('ui.nav.marketing')}</h1>
        <nav className="marketing-tabs" aria-label={t('ui.nav.marketing')}>
          {SECTIONS.map((s) => (
            <button key={s} type="button" className={s === current ? 'active' : undefined} aria-current={s === current ? 'page' : undefined} onClick={() => navigate({ page: 'marketing', section: s, id: null })}>
              {label[s]}
            </button>
          ))}
        </nav>
      </header>
      {current === 'segments' ? <SegmentsSection id={id} /> : current === 'campaigns' ? <CampaignsSection id={id} /> : current === 'triggers' ? <TriggersSection id={id} /> : <Empty>{t('ui.not_found')}</Empty>}
    </div>
  );
}

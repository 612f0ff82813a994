import { useApp } from '../app-context.js';
import { formatDateTime } from '../format.js';
import { Empty } from '../ui/bits.js';
import { useWorkspace } from '../workspace.js';
import type { BotFlow } from './types.js';

/** Published versions, newest first; conversations keep the version they started on. */
export function VersionsPane({ flow }: { flow: BotFlow }) {
  const { t, locale } = useApp();
  const { userName } = useWorkspace();
  const versions = [...flow.versions].sort((a, b) => b.version - a.version);
  return (
    <section className="bots-versions" aria-label={t('ui.bots.flow_tab.versions')}>
      <p className="muted bots-versions__hint">{t('ui.bots.versions_hint')}</p>
      {versions.length === 0 ? (
        <Empty>{t('ui.bots.no_versions')}</Empty>
      ) : (
        <ol className="bots-versions__list">
          {versions.map((v) => (
            <li key={v.version} className={v.version === flow.publishedVersion ? 'is-current' : undefined}>
              <strong>v{v.version}</strong>
              {v.version === flow.publishedVersion ? <span className="chip chip--done">{t('ui.bots.current')}</span> : null}
              <span className="muted">{formatDateTime(v.publishedAt, locale)}</span>
              {v.publishedBy ? <span className="muted">{userName(v.publishedBy) || v.publishedBy}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

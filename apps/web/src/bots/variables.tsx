import { useApp } from '../app-context.js';

/** What a bot collected, name by name. */
export function Variables({ entries }: { entries: Array<[string, unknown]> }) {
  const { t } = useApp();
  if (entries.length === 0) return <p className="muted">{t('ui.bots.no_variables')}</p>;
  return (
    <dl className="props bots-vars">
      {entries.map(([name, value]) => (
        <div key={name} className="bots-vars__row">
          <dt>{name}</dt>
          <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

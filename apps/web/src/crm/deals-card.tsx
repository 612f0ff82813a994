import type { Deal } from '../api/types.js';
import { useApp } from '../app-context.js';
import { formatAmount } from '../format.js';

/** The deals of a contact or a company, each opening on the deals board. */
export function DealsCard({ deals }: { deals: Deal[] }) {
  const { t, locale, navigate } = useApp();
  return (
    <section className="card">
      <h3 className="card__label">{t('ui.nav.deals')}</h3>
      {deals.length === 0 ? (
        <p className="muted">{t('ui.deal.none')}</p>
      ) : (
        <ul className="mini-list">
          {deals.map((d) => (
            <li key={d.id}>
              <a
                href={`/deals/${d.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: 'deals', dealId: d.id });
                }}
              >
                <span className="mini-list__main">
                  <span className="mini-list__title">{d.title}</span>
                </span>
                <strong>{formatAmount(d.amount, d.currency, locale)}</strong>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { api } from '../api/client.js';
import { useApp } from '../app-context.js';
import { Empty, Spinner } from '../ui/bits.js';
import type { SlaPolicy } from '../reports/types.js';
import { formatDuration } from '../reports/report-format.js';
import { SectionHead, useAction, useLoaded } from './form-bits.js';
import { allItems } from './settings-api.js';
import type { SectionProps } from './sections.js';
import { SlaPolicyForm } from './sla-policy-form.js';

/** SLA policies: the first active one (by position) whose conditions hold applies to a conversation. */
export function SlaSettings({ id }: SectionProps) {
  const { t } = useApp();
  const { data, error, reload } = useLoaded(() => allItems<SlaPolicy>('/sla-policies'), []);
  if (error) return <p className="notice notice--error">{error}</p>;
  if (!data) return <Spinner label={t('ui.loading')} />;
  if (id === 'new') return <SlaPolicyForm policy={null} onDone={reload} />;
  if (id) {
    const policy = data.find((p) => p.id === id);
    return policy ? <SlaPolicyForm key={policy.id} policy={policy} onDone={reload} /> : <Empty>{t('ui.sla.not_found')}</Empty>;
  }
  return <SlaPolicyList policies={data} onChanged={reload} />;
}

function SlaPolicyList({ policies, onChanged }: { policies: SlaPolicy[]; onChanged(): void }) {
  const { t, locale, navigate } = useApp();
  const act = useAction();
  const sorted = [...policies].sort((a, b) => a.position - b.position);
  const remove = async (policy: SlaPolicy) => {
    if (!window.confirm(t('ui.sla.delete_confirm', { name: policy.name }))) return;
    if (await act(() => api.del(`/sla-policies/${policy.id}`), t('ui.sla.deleted'))) onChanged();
  };
  const limits = (p: SlaPolicy) =>
    [
      p.firstResponseSeconds !== null ? `${t('ui.sla.kind.first_response')}: ${formatDuration(p.firstResponseSeconds, locale)}` : null,
      p.nextResponseSeconds !== null ? `${t('ui.sla.kind.next_response')}: ${formatDuration(p.nextResponseSeconds, locale)}` : null,
      p.resolutionSeconds !== null ? `${t('ui.sla.kind.resolution')}: ${formatDuration(p.resolutionSeconds, locale)}` : null,
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <div className="settings__page">
      <SectionHead title={t('ui.sla.title')}>
        <button type="button" className="btn btn--primary btn--small" onClick={() => navigate({ page: 'settings', section: 'sla', id: 'new' })}>
          + {t('ui.sla.new')}
        </button>
      </SectionHead>
      <p className="muted reports-sla-lead">{t('ui.sla.lead')}</p>
      {sorted.length === 0 ? (
        <Empty>{t('ui.sla.empty')}</Empty>
      ) : (
        <ul className="settings__list reports-sla-list">
          {sorted.map((policy) => (
            <li key={policy.id} className="reports-sla-list__item" data-policy-id={policy.id}>
              <a
                className="row settings__row"
                href={`/settings/sla/${policy.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ page: 'settings', section: 'sla', id: policy.id });
                }}
              >
                <span className="row__main">
                  <span className="row__title">
                    {policy.name} {policy.active ? null : <span className="chip">{t('ui.sla.inactive')}</span>}
                  </span>
                  <span className="muted row__sub">{limits(policy) || t('ui.sla.no_limits')}</span>
                  <span className="muted row__sub">
                    {policy.businessHoursOnly ? t('ui.sla.business_hours_only') : t('ui.sla.calendar_time')} · {t('ui.sla.warning_at', { percent: policy.warningPercent })}
                  </span>
                </span>
              </a>
              <button type="button" className="btn btn--ghost btn--small" onClick={() => void remove(policy)} aria-label={t('ui.sla.delete_named', { name: policy.name })}>
                {t('ui.sla.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

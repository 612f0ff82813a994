import { useApp } from '../../app-context.js';
import { progressOf } from './campaign-progress.js';
import type { CampaignCounts, CampaignStatus } from './types.js';

const STATUS_CHIP: Record<CampaignStatus, string> = {
  draft: 'chip',
  scheduled: 'chip chip--pending',
  running: 'chip chip--open',
  paused: 'chip chip--wait',
  completed: 'chip chip--done',
  cancelled: 'chip chip--danger',
};

export function StatusChip({ status }: { status: CampaignStatus }) {
  const { t } = useApp();
  return (
    <span className={STATUS_CHIP[status]} data-status={status}>
      {t(`ui.campaigns.status.${status}`)}
    </span>
  );
}

/** How many recipients are past the queue, of all of them. */
export function ProgressBar({ counts }: { counts: CampaignCounts }) {
  const { t } = useApp();
  const share = progressOf(counts);
  const done = counts.total - counts.queued;
  const label = t('ui.campaigns.progress_of', { done, total: counts.total });
  return (
    <div className="campaigns-progress" title={label}>
      <div className="campaigns-progress__track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={counts.total} aria-valuenow={done}>
        <div className="campaigns-progress__bar" style={{ width: `${Math.round(share * 1000) / 10}%` }} />
      </div>
      <span className="campaigns-progress__text muted">{label}</span>
    </div>
  );
}

import { useMemo } from 'react';
import type { MessageKey } from '@app/i18n';
import { useApp } from '../app-context.js';
import { useWorkspace } from '../workspace.js';
import { browserTimezone, customRange, lastDay, presetRange, RANGE_PRESETS, type DateRange, type RangePreset } from './date-range.js';
import type { ReportFilterState } from './report-query.js';

const PRESET_LABELS: Record<RangePreset, MessageKey> = {
  today: 'ui.reports.range.today',
  last7: 'ui.reports.range.last7',
  last30: 'ui.reports.range.last30',
  this_month: 'ui.reports.range.this_month',
  custom: 'ui.reports.range.custom',
};

const ZONES = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
  'Europe/Minsk',
  'Asia/Almaty',
  'Europe/London',
  'UTC',
];

interface Props {
  range: DateRange;
  onRange(range: DateRange): void;
  filters: ReportFilterState;
  onFilters(filters: ReportFilterState): void;
}

/** The period (with its time zone) and the filters every report page shares. */
export function ReportFiltersBar({ range, onRange, filters, onFilters }: Props) {
  const { t } = useApp();
  const { inboxes, teams, users } = useWorkspace();
  const zones = useMemo(() => [...new Set([browserTimezone(), range.timezone, ...ZONES])], [range.timezone]);
  const channels = useMemo(() => [...new Set(inboxes.map((i) => i.type))].sort(), [inboxes]);
  const set = <K extends keyof ReportFilterState>(key: K, value: ReportFilterState[K]) => onFilters({ ...filters, [key]: value });
  const choosePreset = (preset: RangePreset) =>
    onRange(preset === 'custom' ? { ...range, preset } : presetRange(preset, new Date(), range.timezone));

  return (
    <div className="reports-filters">
      <div className="reports-filters__range" role="group" aria-label={t('ui.reports.range.label')}>
        {RANGE_PRESETS.map((preset) => (
          <button key={preset} type="button" className={range.preset === preset ? 'btn btn--small reports-preset is-active' : 'btn btn--small reports-preset'} aria-pressed={range.preset === preset} onClick={() => choosePreset(preset)}>
            {t(PRESET_LABELS[preset])}
          </button>
        ))}
        {range.preset === 'custom' ? (
          <span className="reports-filters__days">
            <input type="date" className="input input--compact" aria-label={t('ui.reports.range.from')} value={range.from} onChange={(e) => e.target.value && onRange(customRange(e.target.value, lastDay(range), range.timezone))} />
            <span aria-hidden="true">—</span>
            <input type="date" className="input input--compact" aria-label={t('ui.reports.range.to')} value={lastDay(range)} onChange={(e) => e.target.value && onRange(customRange(range.from, e.target.value, range.timezone))} />
          </span>
        ) : null}
        <select
          className="input input--compact reports-filters__zone"
          aria-label={t('ui.reports.range.timezone')}
          title={t('ui.reports.range.timezone')}
          value={range.timezone}
          onChange={(e) => onRange(range.preset === 'custom' ? { ...range, timezone: e.target.value } : presetRange(range.preset, new Date(), e.target.value))}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </div>
      <div className="reports-filters__row">
        <select className="input input--compact" aria-label={t('ui.reports.filter.inbox')} value={filters.inboxId} onChange={(e) => set('inboxId', e.target.value)}>
          <option value="">{t('ui.reports.filter.any_inbox')}</option>
          {inboxes.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
        <select className="input input--compact" aria-label={t('ui.reports.filter.team')} value={filters.teamId} onChange={(e) => set('teamId', e.target.value)}>
          <option value="">{t('ui.reports.filter.any_team')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
        <select className="input input--compact" aria-label={t('ui.reports.filter.agent')} value={filters.agentId} onChange={(e) => set('agentId', e.target.value)}>
          <option value="">{t('ui.reports.filter.any_agent')}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <select className="input input--compact" aria-label={t('ui.reports.filter.channel')} value={filters.channel} onChange={(e) => set('channel', e.target.value)}>
          <option value="">{t('ui.reports.filter.any_channel')}</option>
          {channels.map((channel) => (
            <option key={channel} value={channel}>
              {channel}
            </option>
          ))}
        </select>
        <input className="input input--compact" placeholder={t('ui.reports.filter.label')} aria-label={t('ui.reports.filter.label')} value={filters.label} onChange={(e) => set('label', e.target.value)} />
        <label className="reports-toggle" title={t('ui.reports.filter.business_hours_hint')}>
          <input type="checkbox" checked={filters.businessHours} onChange={(e) => set('businessHours', e.target.checked)} />
          {t('ui.reports.filter.business_hours')}
        </label>
      </div>
    </div>
  );
}

import { t, type Locale } from '@app/i18n';
import type { ReportBreakdown, ReportSummary, ReportTimeseries, Stat } from '../reports.contract.js';

/** The byte order mark makes Excel read the file as UTF-8 (Cyrillic names). */
const BOM = '\uFEFF';

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const toCsv = (rows: unknown[][]) => BOM + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

/** Flattens nested figures into `name.sub` rows. */
function flatten(prefix: string, value: unknown, out: Array<[string, unknown]>) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => flatten(`${prefix}[${i}]`, item, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(prefix ? `${prefix}.${key}` : key, inner, out);
  } else {
    out.push([prefix, value]);
  }
}

export function summaryCsv(summary: ReportSummary, locale: Locale): string {
  const rows: Array<[string, unknown]> = [];
  flatten('', summary, rows);
  return toCsv([[t('report.csv.metric', {}, locale), t('report.csv.value', {}, locale)], ...rows]);
}

export function timeseriesCsv(series: ReportTimeseries, locale: Locale): string {
  return toCsv([[t('report.csv.bucket', {}, locale), series.metric], ...series.points.map((p) => [p.bucket, p.value])]);
}

const statCells = (s: Stat) => [s.avg, s.p50, s.p90, s.count];

export function breakdownCsv(breakdown: ReportBreakdown, locale: Locale): string {
  const statHeads = (name: string) => [`${name}.avg`, `${name}.p50`, `${name}.p90`, `${name}.count`];
  const head = [
    t('report.csv.key', {}, locale),
    t('report.csv.name', {}, locale),
    'conversationsOpened',
    'conversationsResolved',
    ...statHeads('firstResponseTime'),
    ...statHeads('replyTime'),
    ...statHeads('resolutionTime'),
    'csatAverage',
    'slaHitRatePercent',
  ];
  return toCsv([
    head,
    ...breakdown.rows.map((r) => [r.key, r.label, r.conversationsOpened, r.conversationsResolved, ...statCells(r.firstResponseTime), ...statCells(r.replyTime), ...statCells(r.resolutionTime), r.csatAverage, r.slaHitRatePercent]),
  ]);
}

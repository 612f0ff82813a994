/** A half-open span of time [from, to). */
export interface TimeRange {
  from: Date;
  to: Date;
}

/** The whole rollup buckets inside a period and the partial ones at its edges, which are read from the rows themselves. */
export interface RollupSplit {
  buckets: TimeRange | null;
  edges: TimeRange[];
}

const startOfUtcMonth = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
const startOfUtcHour = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
const nextUtcMonth = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
const nextUtcHour = (at: Date) => new Date(startOfUtcHour(at).getTime() + 3_600_000);

function split(period: TimeRange, floor: (at: Date) => Date, next: (at: Date) => Date): RollupSplit {
  const first = floor(period.from).getTime() === period.from.getTime() ? period.from : next(period.from);
  const last = floor(period.to);
  if (!(first < last)) return { buckets: null, edges: [period] };
  const edges = [
    { from: period.from, to: first },
    { from: last, to: period.to },
  ].filter((r) => r.from < r.to);
  return { buckets: { from: first, to: last }, edges };
}

/** Whole UTC months (the histogram rollups) and what is left before and after them. */
export const splitByMonths = (period: TimeRange) => split(period, startOfUtcMonth, nextUtcMonth);

/** Whole UTC hours (the chart rollups) and what is left before and after them. */
export const splitByHours = (period: TimeRange) => split(period, startOfUtcHour, nextUtcHour);

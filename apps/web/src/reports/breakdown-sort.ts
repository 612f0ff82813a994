import type { BreakdownRow } from './types.js';

export type BreakdownColumn =
  | 'label'
  | 'conversationsOpened'
  | 'conversationsResolved'
  | 'firstResponseAvg'
  | 'firstResponseP90'
  | 'replyAvg'
  | 'resolutionAvg'
  | 'csatAverage'
  | 'slaHitRatePercent';

export interface BreakdownSort {
  column: BreakdownColumn;
  descending: boolean;
}

export function columnValue(row: BreakdownRow, column: BreakdownColumn): string | number | null {
  switch (column) {
    case 'label':
      return row.label;
    case 'firstResponseAvg':
      return row.firstResponseTime.avg;
    case 'firstResponseP90':
      return row.firstResponseTime.p90;
    case 'replyAvg':
      return row.replyTime.avg;
    case 'resolutionAvg':
      return row.resolutionTime.avg;
    default:
      return row[column];
  }
}

/** Rows ordered by a column; rows without a value stay at the end in either direction. */
export function sortRows(rows: readonly BreakdownRow[], sort: BreakdownSort, locale: string): BreakdownRow[] {
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = columnValue(a, sort.column);
    const y = columnValue(b, sort.column);
    if (x === null && y === null) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y), locale) : x - y;
    return order * direction;
  });
}

/** Clicking a column sorts by it; clicking it again turns the order round. Numbers start largest first. */
export function nextSort(current: BreakdownSort, column: BreakdownColumn): BreakdownSort {
  if (current.column === column) return { column, descending: !current.descending };
  return { column, descending: column !== 'label' };
}

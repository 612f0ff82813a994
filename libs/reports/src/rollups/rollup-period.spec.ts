import { describe, expect, it } from 'vitest';
import { splitByHours, splitByMonths } from './rollup-period.js';

const d = (iso: string) => new Date(iso);

describe('splitting a report period over the rollups', () => {
  it('reads whole UTC months from the rollups and the partial days around them from the rows', () => {
    const split = splitByMonths({ from: d('2025-11-27T21:00:00Z'), to: d('2026-11-28T21:00:00Z') });
    expect(split.buckets).toEqual({ from: d('2025-12-01T00:00:00Z'), to: d('2026-11-01T00:00:00Z') });
    expect(split.edges).toEqual([
      { from: d('2025-11-27T21:00:00Z'), to: d('2025-12-01T00:00:00Z') },
      { from: d('2026-11-01T00:00:00Z'), to: d('2026-11-28T21:00:00Z') },
    ]);
  });

  it('has no edges when the period is made of whole months', () => {
    expect(splitByMonths({ from: d('2026-01-01T00:00:00Z'), to: d('2026-03-01T00:00:00Z') })).toEqual({
      buckets: { from: d('2026-01-01T00:00:00Z'), to: d('2026-03-01T00:00:00Z') },
      edges: [],
    });
  });

  it('reads a period holding no whole month from the rows alone', () => {
    const period = { from: d('2026-11-02T21:00:00Z'), to: d('2026-12-02T21:00:00Z') };
    expect(splitByMonths(period)).toEqual({ buckets: null, edges: [period] });
  });

  it('cuts a chart period at whole UTC hours', () => {
    const split = splitByHours({ from: d('2026-11-02T10:30:00Z'), to: d('2026-11-03T12:00:00Z') });
    expect(split.buckets).toEqual({ from: d('2026-11-02T11:00:00Z'), to: d('2026-11-03T12:00:00Z') });
    expect(split.edges).toEqual([{ from: d('2026-11-02T10:30:00Z'), to: d('2026-11-02T11:00:00Z') }]);
  });
});

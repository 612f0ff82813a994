import { describe, expect, it } from 'vitest';
import type { Deal, Stage } from '../api/types.js';
import { buildColumns, moveDeal } from './board-state.js';

const stage = (id: string, position: number, kind: Stage['kind'] = 'open'): Stage => ({ id, pipelineId: 'p', name: id, position, kind, probability: 10 });
const deal = (id: string, stageId: string, amount: string | null, currency = 'RUB'): Deal => ({
  id,
  title: id,
  amount,
  currency,
  pipelineId: 'p',
  stageId,
  status: 'open',
  contactId: null,
  companyId: null,
  ownerId: null,
  createdAt: '2026-11-28T10:00:00.000Z',
});

describe('deals board', () => {
  it('orders columns by stage position and sums amounts exactly per currency', () => {
    const columns = buildColumns([stage('won', 2, 'won'), stage('new', 0), stage('qualified', 1)], [deal('a', 'new', '0.10'), deal('b', 'new', '0.20'), deal('c', 'new', '5', 'USD'), deal('d', 'won', null)]);
    expect(columns.map((c) => c.stage.id)).toEqual(['new', 'qualified', 'won']);
    expect(columns[0].totals).toEqual({ RUB: 30, USD: 500 });
    expect(columns[1].totals).toEqual({});
    expect(columns[2].deals.map((d) => d.id)).toEqual(['d']);
  });

  it('moves a dropped deal to the new stage and takes its won or lost status', () => {
    const moved = moveDeal([deal('a', 'new', '1'), deal('b', 'new', '2')], 'a', stage('won', 2, 'won'));
    expect(moved.map((d) => [d.id, d.stageId, d.status])).toEqual([
      ['a', 'won', 'won'],
      ['b', 'new', 'open'],
    ]);
  });
});

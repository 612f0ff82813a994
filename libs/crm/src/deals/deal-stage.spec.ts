import { describe, expect, it } from 'vitest';
import { initialStage, stageChange } from './deal-stage.js';

const now = new Date('2025-03-01T10:00:00Z');
const earlier = new Date('2025-02-01T10:00:00Z');
const open = { id: 'open-2', kind: 'open' as const };
const won = { id: 'won', kind: 'won' as const };
const lost = { id: 'lost', kind: 'lost' as const };

describe('stageChange', () => {
  it('closes the deal as won with the closing time when it moves to a won stage', () => {
    expect(stageChange({ stageId: 'open-1', status: 'open', closedAt: null }, won, now)).toEqual({ stageId: 'won', status: 'won', stageChangedAt: now, closedAt: now });
  });

  it('reopens a lost deal and clears its closing time when it moves back to an open stage', () => {
    expect(stageChange({ stageId: 'lost', status: 'lost', closedAt: earlier }, open, now)).toEqual({ stageId: 'open-2', status: 'open', stageChangedAt: now, closedAt: null });
  });

  it('keeps the first closing time when a won deal moves to another won stage', () => {
    expect(stageChange({ stageId: 'won-a', status: 'won', closedAt: earlier }, won, now)).toMatchObject({ status: 'won', closedAt: earlier });
  });

  it('stamps a new closing time when a won deal is moved to lost', () => {
    expect(stageChange({ stageId: 'won', status: 'won', closedAt: earlier }, lost, now)).toMatchObject({ status: 'lost', closedAt: now });
  });

  it('changes nothing when the deal is already in that stage', () => {
    expect(stageChange({ stageId: 'won', status: 'won', closedAt: earlier }, won, now)).toEqual({});
  });
});

describe('initialStage', () => {
  it('starts a deal open in an open stage and closed in a won one', () => {
    expect(initialStage(open, now)).toEqual({ stageId: 'open-2', status: 'open', stageChangedAt: now, closedAt: null });
    expect(initialStage(won, now)).toEqual({ stageId: 'won', status: 'won', stageChangedAt: now, closedAt: now });
  });
});

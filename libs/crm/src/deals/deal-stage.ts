import type { PipelineStage } from '@app/db';
import type { DealRecord } from './deal.types.js';

export type StageChange = Pick<DealRecord, 'stageId' | 'status' | 'stageChangedAt' | 'closedAt'>;
type DealPosition = { stageId: string | null } & Pick<DealRecord, 'status' | 'closedAt'>;

/**
 * What moving a deal to a stage changes (nothing when it is already there): the stage's kind decides the
 * status, so a won or lost stage closes the deal and an open stage reopens it. A deal that was already
 * closed the same way keeps its original closing time.
 */
export function stageChange(deal: DealPosition, stage: Pick<PipelineStage, 'id' | 'kind'>, now = new Date()): Partial<StageChange> {
  if (deal.stageId === stage.id) return {};
  const status = stage.kind;
  const closedAt = status === 'open' ? null : deal.status === status && deal.closedAt ? deal.closedAt : now;
  return { stageId: stage.id, status, stageChangedAt: now, closedAt };
}

/** Where a new deal starts: as if it moved into its first stage from nowhere. */
export function initialStage(stage: Pick<PipelineStage, 'id' | 'kind'>, now = new Date()): StageChange {
  return stageChange({ stageId: null, status: 'open', closedAt: null }, stage, now) as StageChange;
}

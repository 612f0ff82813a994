import type { Deal, Stage } from '../api/types.js';
import { toMinorUnits } from '../format.js';

export interface BoardColumn {
  stage: Stage;
  deals: Deal[];
  /** Sum of the column's amounts per currency, in minor units. */
  totals: Record<string, number>;
}

/** Pipeline columns in stage order, each with its deals (newest first) and amounts summed per currency. */
export function buildColumns(stages: readonly Stage[], deals: readonly Deal[]): BoardColumn[] {
  return [...stages]
    .sort((a, b) => a.position - b.position)
    .map((stage) => {
      const inStage = deals.filter((d) => d.stageId === stage.id);
      const totals: Record<string, number> = {};
      for (const deal of inStage) {
        const minor = toMinorUnits(deal.amount);
        if (minor !== null) totals[deal.currency] = (totals[deal.currency] ?? 0) + minor;
      }
      return { stage, deals: inStage, totals };
    });
}

/** The board right after a drop, before the server confirms: the deal sits in its new stage. */
export function moveDeal(deals: readonly Deal[], dealId: string, stage: Stage): Deal[] {
  return deals.map((d) =>
    d.id === dealId ? { ...d, stageId: stage.id, status: stage.kind, stage: { id: stage.id, name: stage.name, kind: stage.kind, probability: stage.probability } } : d,
  );
}

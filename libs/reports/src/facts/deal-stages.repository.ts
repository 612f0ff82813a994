import { Injectable } from '@nestjs/common';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { dealStageHistory, InjectDb, type Db } from '@app/db';

/** When each deal entered and left each stage; a deal that never moved has no rows (its stage counts from its creation). */
@Injectable()
export class DealStagesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async moved(deal: { id: string; pipelineId: string; stageId: string; createdAt: Date }, previousStageId: string, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(dealStageHistory).where(eq(dealStageHistory.dealId, deal.id));
      if (Number(n) === 0) {
        await tx.insert(dealStageHistory).values({ dealId: deal.id, pipelineId: deal.pipelineId, stageId: previousStageId, enteredAt: deal.createdAt, leftAt: at });
      } else {
        await tx.update(dealStageHistory).set({ leftAt: at }).where(and(eq(dealStageHistory.dealId, deal.id), isNull(dealStageHistory.leftAt)));
      }
      await tx.insert(dealStageHistory).values({ dealId: deal.id, pipelineId: deal.pipelineId, stageId: deal.stageId, enteredAt: at });
    });
  }
}

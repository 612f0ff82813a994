import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, inArray, max, ne, sql } from 'drizzle-orm';
import { deals, InjectDb, pipelines, pipelineStages, type Db, type Pipeline, type PipelineStage } from '@app/db';
import type { Executor, Tx } from '../shared/db-types.js';
import type { NewStage, PipelineWithStages, StageKind } from './pipeline.types.js';

/** Won stages are certain, everything else starts at zero unless the caller says otherwise. */
const defaultProbability = (kind: StageKind) => (kind === 'won' ? 100 : 0);

@Injectable()
export class PipelinesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async listWithStages(): Promise<PipelineWithStages[]> {
    const [rows, stages] = await Promise.all([
      this.db.select().from(pipelines).orderBy(asc(pipelines.position), asc(pipelines.id)),
      this.db.select().from(pipelineStages).orderBy(asc(pipelineStages.position), asc(pipelineStages.id)),
    ]);
    return rows.map((pipeline) => ({ ...pipeline, stages: stages.filter((stage) => stage.pipelineId === pipeline.id) }));
  }

  async findById(id: string, executor: Executor = this.db): Promise<Pipeline | undefined> {
    const [row] = await executor.select().from(pipelines).where(eq(pipelines.id, id)).limit(1);
    return row;
  }

  async findForUpdate(tx: Tx, id: string): Promise<Pipeline | undefined> {
    const [row] = await tx.select().from(pipelines).where(eq(pipelines.id, id)).for('update');
    return row;
  }

  /** The pipeline marked default, else the first one; undefined only when there is none at all. */
  async findDefault(executor: Executor = this.db): Promise<Pipeline | undefined> {
    const [row] = await executor.select().from(pipelines).orderBy(desc(pipelines.isDefault), asc(pipelines.position), asc(pipelines.id)).limit(1);
    return row;
  }

  stagesOf(pipelineId: string, executor: Executor = this.db): Promise<PipelineStage[]> {
    return executor.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, pipelineId)).orderBy(asc(pipelineStages.position), asc(pipelineStages.id));
  }

  async findStage(id: string, executor: Executor = this.db): Promise<PipelineStage | undefined> {
    const [row] = await executor.select().from(pipelineStages).where(eq(pipelineStages.id, id)).limit(1);
    return row;
  }

  /** Serialises changes to which pipeline is the default, so there is never more than one. */
  async lockPipelineSet(tx: Tx): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('crm.pipelines'))`);
  }

  async insertPipeline(tx: Tx, values: { name: string; isDefault: boolean }): Promise<Pipeline> {
    const [{ last }] = await tx.select({ last: max(pipelines.position) }).from(pipelines);
    const [row] = await tx
      .insert(pipelines)
      .values({ ...values, position: (last ?? -1) + 1 })
      .returning();
    return row;
  }

  async updatePipeline(tx: Tx, id: string, values: { name?: string; isDefault?: boolean }): Promise<void> {
    if (values.name === undefined && values.isDefault === undefined) return;
    await tx.update(pipelines).set(values).where(eq(pipelines.id, id));
  }

  async clearDefaultExcept(tx: Tx, id: string): Promise<void> {
    await tx
      .update(pipelines)
      .set({ isDefault: false })
      .where(and(eq(pipelines.isDefault, true), ne(pipelines.id, id)));
  }

  async insertStage(tx: Tx, pipelineId: string, stage: NewStage, position: number): Promise<void> {
    const kind = stage.kind ?? 'open';
    await tx.insert(pipelineStages).values({ pipelineId, name: stage.name, kind, probability: stage.probability ?? defaultProbability(kind), position });
  }

  async updateStage(tx: Tx, id: string, values: { name: string; kind?: StageKind; probability?: number; position: number }): Promise<void> {
    await tx.update(pipelineStages).set(values).where(eq(pipelineStages.id, id));
  }

  async deleteStages(tx: Tx, ids: string[]): Promise<void> {
    if (ids.length) await tx.delete(pipelineStages).where(inArray(pipelineStages.id, ids));
  }

  /** The first of these stages that still holds a deal. */
  async stageWithDeals(tx: Tx, stageIds: string[]): Promise<string | undefined> {
    if (stageIds.length === 0) return undefined;
    const [row] = await tx.select({ stageId: deals.stageId }).from(deals).where(inArray(deals.stageId, stageIds)).limit(1);
    return row?.stageId;
  }

  async dealsCount(tx: Tx, pipelineId: string): Promise<number> {
    const [row] = await tx.select({ n: count() }).from(deals).where(eq(deals.pipelineId, pipelineId));
    return row.n;
  }

  /** Keeps every deal's status equal to its stage's kind when a stage changes kind. */
  async syncDealStatuses(tx: Tx, stageId: string, kind: StageKind): Promise<void> {
    await tx
      .update(deals)
      .set(kind === 'open' ? { status: 'open', closedAt: null } : { status: kind, closedAt: sql`coalesce(${deals.closedAt}, now())` })
      .where(and(eq(deals.stageId, stageId), ne(deals.status, kind)));
  }

  async deletePipeline(tx: Tx, id: string): Promise<boolean> {
    const rows = await tx.delete(pipelines).where(eq(pipelines.id, id)).returning({ id: pipelines.id });
    return rows.length > 0;
  }
}

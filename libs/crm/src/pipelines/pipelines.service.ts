import { Injectable } from '@nestjs/common';
import { DomainException, ErrorCode, notFound, requestContext } from '@app/common';
import { InjectDb, isForeignKeyViolation, type Db, type PipelineStage } from '@app/db';
import { t } from '@app/i18n';
import type { Executor, Tx } from '../shared/db-types.js';
import type { NewStage, PipelineChanges, PipelineInput, PipelineWithStages } from './pipeline.types.js';
import { PipelinesRepository } from './pipelines.repository.js';

/** Sales pipelines and their ordered stages; at most one pipeline is the default for new deals. */
@Injectable()
export class PipelinesService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly pipelines: PipelinesRepository,
  ) {}

  list(): Promise<PipelineWithStages[]> {
    return this.pipelines.listWithStages();
  }

  async get(id: string, executor: Executor = this.db): Promise<PipelineWithStages> {
    const pipeline = await this.pipelines.findById(id, executor);
    if (!pipeline) throw notFound('entity.pipeline', id);
    return { ...pipeline, stages: await this.pipelines.stagesOf(id, executor) };
  }

  async findStage(id: string, executor?: Executor): Promise<PipelineStage | undefined> {
    return this.pipelines.findStage(id, executor);
  }

  async create(input: PipelineInput, executor: Executor = this.db): Promise<PipelineWithStages> {
    return executor.transaction(async (tx) => {
      const id = await this.insert(tx, input);
      return this.get(id, tx);
    });
  }

  async update(id: string, changes: PipelineChanges): Promise<PipelineWithStages> {
    return this.db
      .transaction(async (tx) => {
        await this.pipelines.lockPipelineSet(tx);
        if (!(await this.pipelines.findForUpdate(tx, id))) throw notFound('entity.pipeline', id);
        await this.pipelines.updatePipeline(tx, id, { name: changes.name, isDefault: changes.isDefault });
        if (changes.isDefault) await this.pipelines.clearDefaultExcept(tx, id);
        if (changes.stages) await this.replaceStages(tx, id, changes.stages);
        return this.get(id, tx);
      })
      .catch((error: unknown) => {
        // A deal placed in a removed stage after the check: the foreign key refuses the delete.
        throw isForeignKeyViolation(error) ? new DomainException(ErrorCode.StageHasDeals, { details: { pipelineId: id } }) : error;
      });
  }

  async delete(id: string): Promise<void> {
    await this.db
      .transaction(async (tx) => {
        if (!(await this.pipelines.findForUpdate(tx, id))) throw notFound('entity.pipeline', id);
        const dealsCount = await this.pipelines.dealsCount(tx, id);
        if (dealsCount > 0) throw new DomainException(ErrorCode.PipelineHasDeals, { details: { pipelineId: id, dealsCount } });
        await this.pipelines.deletePipeline(tx, id);
      })
      .catch((error: unknown) => {
        throw isForeignKeyViolation(error) ? new DomainException(ErrorCode.PipelineHasDeals, { details: { pipelineId: id } }) : error;
      });
  }

  /**
   * The pipeline new deals go to when none is named. With no pipeline at all, a standard sales pipeline
   * is created (named in the caller's language), so the first deal never fails for want of one.
   */
  async defaultPipeline(executor: Executor = this.db): Promise<PipelineWithStages> {
    const existing = await this.pipelines.findDefault(executor);
    if (existing) return this.get(existing.id, executor);
    return executor.transaction(async (tx) => {
      await this.pipelines.lockPipelineSet(tx);
      const raced = await this.pipelines.findDefault(tx);
      const id = raced?.id ?? (await this.insert(tx, standardPipeline()));
      return this.get(id, tx);
    });
  }

  private async insert(tx: Tx, input: PipelineInput): Promise<string> {
    await this.pipelines.lockPipelineSet(tx);
    // The first pipeline is the default whatever the caller asked: deals need one to land in.
    const isDefault = Boolean(input.isDefault) || !(await this.pipelines.findDefault(tx));
    const pipeline = await this.pipelines.insertPipeline(tx, { name: input.name, isDefault });
    if (isDefault) await this.pipelines.clearDefaultExcept(tx, pipeline.id);
    for (const [position, stage] of input.stages.entries()) await this.pipelines.insertStage(tx, pipeline.id, stage, position);
    return pipeline.id;
  }

  /** Stages with an id are updated, without one added, missing ones removed; positions follow the array. */
  private async replaceStages(tx: Tx, pipelineId: string, stages: Array<NewStage & { id?: string }>): Promise<void> {
    const current = await this.pipelines.stagesOf(pipelineId, tx);
    const currentById = new Map(current.map((stage) => [stage.id, stage]));
    const foreign = stages.find((stage) => stage.id && !currentById.has(stage.id));
    if (foreign) throw new DomainException(ErrorCode.StageNotInPipeline, { params: { stageId: foreign.id!, pipelineId }, details: { stageId: foreign.id, pipelineId } });

    const keptIds = new Set(stages.flatMap((stage) => (stage.id ? [stage.id] : [])));
    const removed = current.filter((stage) => !keptIds.has(stage.id)).map((stage) => stage.id);
    const occupied = await this.pipelines.stageWithDeals(tx, removed);
    if (occupied) throw new DomainException(ErrorCode.StageHasDeals, { details: { stageId: occupied, pipelineId } });
    await this.pipelines.deleteStages(tx, removed);

    for (const [position, stage] of stages.entries()) {
      const existing = stage.id ? currentById.get(stage.id) : undefined;
      if (!existing) {
        await this.pipelines.insertStage(tx, pipelineId, stage, position);
        continue;
      }
      await this.pipelines.updateStage(tx, existing.id, { name: stage.name, kind: stage.kind, probability: stage.probability, position });
      if (stage.kind && stage.kind !== existing.kind) await this.pipelines.syncDealStatuses(tx, existing.id, stage.kind);
    }
  }
}

function standardPipeline(): PipelineInput {
  const locale = requestContext.locale();
  return {
    name: t('demo.pipeline', {}, locale),
    isDefault: true,
    stages: [
      { name: t('demo.stage.new', {}, locale), kind: 'open', probability: 10 },
      { name: t('demo.stage.qualified', {}, locale), kind: 'open', probability: 30 },
      { name: t('demo.stage.proposal', {}, locale), kind: 'open', probability: 60 },
      { name: t('demo.stage.won', {}, locale), kind: 'won', probability: 100 },
      { name: t('demo.stage.lost', {}, locale), kind: 'lost', probability: 0 },
    ],
  };
}

import { Injectable } from '@nestjs/common';
import { DomainException, ErrorCode, notFound } from '@app/common';
import { InjectDb, type Db, type Page, type PipelineStage } from '@app/db';
import { PipelinesService } from '../pipelines/pipelines.service.js';
import type { Executor, Tx } from '../shared/db-types.js';
import { withReferenceChecks } from '../shared/db-errors.js';
import { DealEvents } from './deal-events.js';
import { initialStage, stageChange } from './deal-stage.js';
import type { DealDetails, DealFilters, DealInput, DealRecord, LineItemInput } from './deal.types.js';
import { DealsRepository, type LineItemValues } from './deals.repository.js';
import { lineItemsTotal } from './money.util.js';

const toLineItemValues = (items: LineItemInput[]): LineItemValues[] =>
  items.map((item) => ({ name: item.name, sku: item.sku ?? null, quantity: String(item.quantity), unitPrice: String(item.unitPrice) }));

/** Deals in pipelines: placement in a stage, exact amounts, closing and reopening by stage kind. */
@Injectable()
export class DealsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly deals: DealsRepository,
    private readonly pipelines: PipelinesService,
    private readonly events: DealEvents,
  ) {}

  list(filters: DealFilters): Promise<Page<DealRecord>> {
    return this.deals.list(filters);
  }

  async get(id: string, executor: Executor = this.db): Promise<DealDetails> {
    const deal = await this.deals.findById(id, executor);
    if (!deal) throw notFound('entity.deal', id);
    return this.deals.details(deal, executor);
  }

  /**
   * Creates a deal in the named pipeline and stage, else the default pipeline's first stage; pass a
   * transaction to make it part of the caller's own. Without an amount, the line items' total is used.
   */
  async create(input: DealInput & { title: string }, executor: Executor = this.db): Promise<DealDetails> {
    return withReferenceChecks(() =>
      executor.transaction(async (tx) => {
        const stage = await this.placement(tx, input.pipelineId, input.stageId);
        const deal = await this.deals.insert(tx, {
          title: input.title,
          amount: input.amount ?? (input.lineItems ? lineItemsTotal(input.lineItems) : '0.00'),
          currency: input.currency ?? 'RUB',
          pipelineId: stage.pipelineId,
          ...initialStage(stage),
          contactId: input.contactId ?? null,
          companyId: input.companyId ?? null,
          ownerId: input.ownerId ?? null,
          sourceInboxId: input.sourceInboxId ?? null,
          expectedCloseDate: input.expectedCloseDate ?? null,
          lostReason: input.lostReason ?? null,
          customFields: input.customFields ?? {},
        });
        if (input.lineItems) await this.deals.replaceLineItems(tx, deal.id, toLineItemValues(input.lineItems));
        return this.deals.details(deal, tx);
      }),
    );
  }

  /** Changes a deal; given line items replace the old ones and, without an explicit amount, set it to their total. */
  async update(id: string, input: DealInput): Promise<DealDetails> {
    let previousStageId = '';
    const details = await withReferenceChecks(() =>
      this.db.transaction(async (tx) => {
        const current = await this.requireForUpdate(tx, id);
        previousStageId = current.stageId;
        const moving = input.stageId !== undefined || (input.pipelineId !== undefined && input.pipelineId !== current.pipelineId);
        const stage = moving ? await this.placement(tx, input.pipelineId ?? current.pipelineId, input.stageId) : undefined;
        const amount = input.amount ?? (input.lineItems ? lineItemsTotal(input.lineItems) : undefined);
        const deal = await this.deals.update(tx, id, {
          title: input.title,
          amount,
          currency: input.currency,
          ...(stage ? { pipelineId: stage.pipelineId, ...stageChange(current, stage) } : {}),
          contactId: input.contactId,
          companyId: input.companyId,
          ownerId: input.ownerId,
          sourceInboxId: input.sourceInboxId,
          expectedCloseDate: input.expectedCloseDate,
          lostReason: input.lostReason,
          customFields: input.customFields,
        });
        if (input.lineItems) await this.deals.replaceLineItems(tx, id, toLineItemValues(input.lineItems));
        return this.deals.details(deal, tx);
      }),
    );
    await this.announceStageChange(details, previousStageId);
    return details;
  }

  /** Moves a deal to another stage of its pipeline; won and lost stages close it, open stages reopen it. */
  async moveToStage(id: string, stageId: string): Promise<DealDetails> {
    let previousStageId = '';
    const details = await this.db.transaction(async (tx) => {
      const current = await this.requireForUpdate(tx, id);
      previousStageId = current.stageId;
      const stage = await this.placement(tx, current.pipelineId, stageId);
      const deal = await this.deals.update(tx, id, stageChange(current, stage));
      return this.deals.details(deal, tx);
    });
    await this.announceStageChange(details, previousStageId);
    return details;
  }

  private async announceStageChange(deal: DealDetails, previousStageId: string): Promise<void> {
    if (deal.stageId !== previousStageId) await this.events.stageChanged({ deal, previousStageId });
  }

  async delete(id: string): Promise<void> {
    if (!(await this.deals.delete(id))) throw notFound('entity.deal', id);
  }

  private async requireForUpdate(tx: Tx, id: string): Promise<DealRecord> {
    const deal = await this.deals.findForUpdate(tx, id);
    if (!deal) throw notFound('entity.deal', id);
    return deal;
  }

  /** The stage a deal goes to: the one named (which must be in the named pipeline), else the pipeline's first. */
  private async placement(tx: Tx, pipelineId: string | undefined, stageId: string | undefined): Promise<PipelineStage> {
    const pipeline = pipelineId ? await this.pipelines.get(pipelineId, tx) : stageId ? undefined : await this.pipelines.defaultPipeline(tx);
    // Pipelines are created and updated with at least one stage, so the first always exists.
    if (!stageId) return pipeline!.stages[0];
    const stage = await this.pipelines.findStage(stageId, tx);
    if (!stage) throw notFound('entity.stage', stageId);
    if (pipeline && stage.pipelineId !== pipeline.id) {
      throw new DomainException(ErrorCode.StageNotInPipeline, { params: { stageId, pipelineId: pipeline.id }, details: { stageId, pipelineId: pipeline.id } });
    }
    return stage;
  }
}

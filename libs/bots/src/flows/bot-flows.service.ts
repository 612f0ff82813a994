import { Injectable } from '@nestjs/common';
import { DomainException, ErrorCode, notFound } from '@app/common';
import type { BotFlowRow } from '@app/db';
import type { BotFlow, BotFlowSummary, FlowDocument, Trigger, ValidateFlowResponse } from '../bot-flow.contract.js';
import { BotFlowsRepository } from './bot-flows.repository.js';
import type { CreateBotFlowInput, ListBotFlowsQuery, UpdateBotFlowInput } from './dto/bot-flow.dto.js';
import { checkFlowDocument, requireFlowDocument } from './flow-validation.js';

export interface PublishedFlow {
  flow: BotFlowRow;
  version: number;
  document: FlowDocument;
}

/** Bot flows: a draft a manager edits, and immutable published versions that sessions run. */
@Injectable()
export class BotFlowsService {
  constructor(private readonly flows: BotFlowsRepository) {}

  async list(query: ListBotFlowsQuery) {
    const page = await this.flows.list(query);
    const counts = await this.flows.activeSessions(page.items.map((f) => f.id));
    return { items: page.items.map((f) => summaryOf(f, counts.get(f.id) ?? 0)), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<BotFlow> {
    const flow = await this.require(id);
    const [counts, versions] = await Promise.all([this.flows.activeSessions([id]), this.flows.versions(id)]);
    return {
      ...summaryOf(flow, counts.get(id) ?? 0),
      draft: flow.draft as unknown as FlowDocument,
      versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedById })),
    };
  }

  async create(input: CreateBotFlowInput): Promise<BotFlow> {
    const document = requireFlowDocument(input.document);
    const flow = await this.flows.create({ name: input.name, description: input.description ?? null, draft: document as unknown as Record<string, unknown>, triggers: input.triggers });
    return this.get(flow.id);
  }

  async update(id: string, input: UpdateBotFlowInput): Promise<BotFlow> {
    const document = input.document !== undefined ? requireFlowDocument(input.document) : undefined;
    const flow = await this.flows.update(id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description ?? null } : {}),
      ...(input.triggers !== undefined ? { triggers: input.triggers } : {}),
      ...(document ? { draft: document as unknown as Record<string, unknown> } : {}),
    });
    if (!flow) throw notFound('entity.bot_flow', id);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.flows.delete(id))) throw notFound('entity.bot_flow', id);
  }

  /** Publishing checks the draft again: a draft saved before a product rule changed must still hold. */
  async publish(id: string, userId: string | null): Promise<{ version: number }> {
    const flow = await this.require(id);
    requireFlowDocument(flow.draft);
    const version = await this.flows.publish(id, userId);
    if (version === undefined) throw notFound('entity.bot_flow', id);
    return { version };
  }

  validate(document: unknown): ValidateFlowResponse {
    const check = checkFlowDocument(document);
    return check.ok ? { valid: true, errors: [] } : { valid: false, errors: check.errors };
  }

  async draftOf(id: string): Promise<{ flow: BotFlowRow; document: FlowDocument }> {
    const flow = await this.require(id);
    return { flow, document: requireFlowDocument(flow.draft) };
  }

  /** The version a new session runs: the latest published one. */
  async published(id: string): Promise<PublishedFlow> {
    const flow = await this.require(id);
    if (flow.publishedVersion === null) throw new DomainException(ErrorCode.BotFlowNotPublished, { params: { name: flow.name } });
    return this.version(flow, flow.publishedVersion);
  }

  async version(flow: BotFlowRow, version: number): Promise<PublishedFlow> {
    const row = await this.flows.version(flow.id, version);
    if (!row) throw notFound('entity.bot_flow', `${flow.id}@${version}`);
    return { flow, version, document: row.document as unknown as FlowDocument };
  }

  async findRow(id: string): Promise<BotFlowRow | undefined> {
    return this.flows.findById(id);
  }

  /** Published flows with their triggers, for matching incoming messages and deal stage changes. */
  async triggerable(): Promise<Array<{ flow: BotFlowRow; triggers: Trigger[] }>> {
    return (await this.flows.published()).map((flow) => ({ flow, triggers: flow.triggers as unknown as Trigger[] }));
  }

  private async require(id: string): Promise<BotFlowRow> {
    const flow = await this.flows.findById(id);
    if (!flow) throw notFound('entity.bot_flow', id);
    return flow;
  }
}

function summaryOf(flow: BotFlowRow, activeSessions: number): BotFlowSummary {
  return {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    publishedVersion: flow.publishedVersion,
    hasUnpublishedChanges: flow.publishedVersion === null || flow.draftChanged,
    triggers: flow.triggers as unknown as Trigger[],
    activeSessions,
    createdAt: flow.createdAt.toISOString(),
    updatedAt: flow.updatedAt.toISOString(),
  };
}

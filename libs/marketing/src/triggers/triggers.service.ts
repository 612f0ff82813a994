import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { notFound } from '@app/common';
import type { MessageTriggerRow, Page, TriggerOccurrenceRow } from '@app/db';
import { SegmentsPort } from '../marketing.contract.js';
import type { CreateTriggerInput, ListOccurrencesQuery, ListTriggersQuery, UpdateTriggerInput } from './dto/trigger.dto.js';
import { TriggerCandidatesRepository } from './trigger-candidates.repository.js';
import { TriggerDelivery } from './trigger-delivery.service.js';
import { TriggersClock } from './triggers-clock.js';
import { TriggersRepository, type OccurrenceView } from './triggers.repository.js';

export type TriggerView = Omit<MessageTriggerRow, 'searchText'>;

const viewOf = ({ searchText: _searchText, ...trigger }: MessageTriggerRow): TriggerView => trigger;

/** Triggered messages: their settings, their log, and a test send. */
@Injectable()
export class TriggersService {
  constructor(
    private readonly repo: TriggersRepository,
    private readonly candidates: TriggerCandidatesRepository,
    private readonly delivery: TriggerDelivery,
    private readonly segments: SegmentsPort,
    private readonly clock: TriggersClock,
  ) {}

  async list(query: ListTriggersQuery): Promise<Page<TriggerView>> {
    const page = await this.repo.list(query);
    return { ...page, items: page.items.map(viewOf) };
  }

  async get(id: string): Promise<TriggerView & { counts: Record<string, number> }> {
    const trigger = await this.require(id);
    return { ...viewOf(trigger), counts: await this.repo.countsByStatus(id) };
  }

  async create(input: CreateTriggerInput): Promise<TriggerView> {
    if (input.segmentId) await this.segments.require(input.segmentId);
    return viewOf(await this.repo.create(input));
  }

  async update(id: string, input: UpdateTriggerInput): Promise<TriggerView> {
    await this.require(id);
    if (input.segmentId) await this.segments.require(input.segmentId);
    const values = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const updated = await this.repo.update(id, values);
    if (!updated) throw notFound('entity.message_trigger', id);
    return viewOf(updated);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.repo.delete(id))) throw notFound('entity.message_trigger', id);
  }

  async occurrences(id: string, query: ListOccurrencesQuery): Promise<Page<OccurrenceView>> {
    await this.require(id);
    return this.repo.occurrences(id, query);
  }

  /** Sends the trigger's message to one contact now, whatever the once-rule, quiet hours or active switch say; logged as a test. */
  async test(id: string, contactId: string): Promise<TriggerOccurrenceRow> {
    const trigger = await this.require(id);
    const contact = await this.candidates.contact(contactId);
    if (!contact) throw notFound('entity.contact', contactId);
    const inboxId = trigger.inboxId ?? (await this.candidates.latestInboxes([contactId])).get(contactId) ?? null;
    const occurrence = await this.repo.insertOccurrence({
      triggerId: id,
      contactId,
      occurrenceKey: `test:${uuidv7()}`,
      dueAt: this.clock.now(),
      context: { inboxId },
      test: true,
    });
    const delivered = occurrence && (await this.delivery.deliver(occurrence.id));
    if (!delivered) throw new Error('A test occurrence was taken by another process');
    return delivered;
  }

  private async require(id: string): Promise<MessageTriggerRow> {
    const trigger = await this.repo.findById(id);
    if (!trigger) throw notFound('entity.message_trigger', id);
    return trigger;
  }
}

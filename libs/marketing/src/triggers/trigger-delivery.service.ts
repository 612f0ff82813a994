import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/common';
import type { TriggerOccurrenceRow } from '@app/db';
import { OutreachPort } from '../marketing.contract.js';
import { TriggersClock } from './triggers-clock.js';
import { TriggersRepository } from './triggers.repository.js';

const MAX_REASON = 500;

/** Sends one recorded occurrence: claims it (one process wins), sends through outreach, records what happened. */
@Injectable()
export class TriggerDelivery {
  constructor(
    private readonly repo: TriggersRepository,
    private readonly outreach: OutreachPort,
    private readonly clock: TriggersClock,
  ) {}

  /** Null when another process claimed the occurrence first. */
  async deliver(occurrenceId: string): Promise<TriggerOccurrenceRow | null> {
    const occurrence = await this.repo.claim(occurrenceId);
    if (!occurrence) return null;
    try {
      return await this.send(occurrence);
    } catch (error) {
      const reason = error instanceof DomainException ? error.code : (error as Error).message;
      return this.repo.finish(occurrence.id, { status: 'failed', reason: reason.slice(0, MAX_REASON) });
    }
  }

  private async send(occurrence: TriggerOccurrenceRow): Promise<TriggerOccurrenceRow> {
    const trigger = await this.repo.findById(occurrence.triggerId);
    if (!trigger || (!trigger.active && !occurrence.test)) return this.repo.finish(occurrence.id, { status: 'skipped', reason: 'trigger_inactive' });
    if (!trigger.templateId) return this.repo.finish(occurrence.id, { status: 'skipped', reason: 'template_missing' });
    const inboxId = occurrence.context.inboxId;
    if (!inboxId) return this.repo.finish(occurrence.id, { status: 'skipped', reason: 'inbox_unavailable' });
    const result = await this.outreach.send({
      contactId: occurrence.contactId,
      inboxId,
      templateId: trigger.templateId,
      variables: occurrence.context.variables,
      dealId: occurrence.context.dealId,
      source: { kind: 'trigger', id: trigger.id, recipientId: occurrence.id },
    });
    if (result.status === 'skipped') return this.repo.finish(occurrence.id, { status: 'skipped', reason: result.reason });
    const sentAt = this.clock.now();
    if (!occurrence.test) await this.repo.markFired(trigger.id, sentAt);
    return this.repo.finish(occurrence.id, { status: 'sent', reason: null, conversationId: result.conversationId, messageId: result.messageId, sentAt });
  }
}

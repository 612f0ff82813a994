import { Injectable } from '@nestjs/common';
import { DomainException } from '@app/common';
import type { TriggerOccurrenceRow } from '@app/db';
import { OutreachPort, type OutreachLedger } from '../marketing.contract.js';
import { TriggersClock } from './triggers-clock.js';
import { TriggersRepository } from './triggers.repository.js';

const MAX_REASON = 500;

/**
 * Sends one recorded occurrence: claims it (one process wins), sends through outreach with the occurrence
 * marked sent in the message's own transaction, records a skip or a failure otherwise.
 */
@Injectable()
export class TriggerDelivery {
  constructor(
    private readonly repo: TriggersRepository,
    private readonly outreach: OutreachPort,
    private readonly clock: TriggersClock,
  ) {}

  /** Null when another process claimed or sent the occurrence first. */
  async deliver(occurrenceId: string): Promise<TriggerOccurrenceRow | null> {
    const occurrence = await this.repo.claim(occurrenceId);
    if (!occurrence) return null;
    try {
      return (await this.send(occurrence)) ?? null;
    } catch (error) {
      const reason = error instanceof DomainException ? error.code : (error as Error).message;
      return (await this.repo.finish(occurrence.id, { status: 'failed', reason: reason.slice(0, MAX_REASON) })) ?? null;
    }
  }

  private async send(occurrence: TriggerOccurrenceRow): Promise<TriggerOccurrenceRow | undefined> {
    const trigger = await this.repo.findById(occurrence.triggerId);
    if (!trigger || (!trigger.active && !occurrence.test)) return this.repo.finish(occurrence.id, { status: 'skipped', reason: 'trigger_inactive' });
    if (!trigger.templateId) return this.repo.finish(occurrence.id, { status: 'skipped', reason: 'template_missing' });
    const inboxId = occurrence.context.inboxId;
    if (!inboxId) return this.repo.finish(occurrence.id, { status: 'skipped', reason: 'inbox_unavailable' });
    const sentAt = this.clock.now();
    const ledger: OutreachLedger = {
      claim: (tx) => this.repo.lockClaimed(tx, occurrence.id),
      record: (tx, queued) => this.repo.recordSent(tx, occurrence.id, queued, sentAt),
    };
    const result = await this.outreach.send({
      contactId: occurrence.contactId,
      inboxId,
      templateId: trigger.templateId,
      variables: occurrence.context.variables,
      dealId: occurrence.context.dealId,
      source: { kind: 'trigger', id: trigger.id, recipientId: occurrence.id },
      ledger,
    });
    if (result.status === 'skipped') return this.repo.finish(occurrence.id, { status: 'skipped', reason: result.reason });
    if (result.status === 'settled') return undefined;
    if (!occurrence.test) await this.repo.markFired(trigger.id, sentAt);
    return this.repo.findOccurrence(occurrence.id);
  }
}

import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { PhoneNormalizer } from '@app/crm';
import type { Executor } from '@app/db';
import { INBOUND_FILTER, InboundFilterSlot, type InboundFilter, type InboundFilterInput, type InboundVerdict } from '@app/inbox';
import { RealtimeService } from '@app/realtime';
import { domainsOf, matchingEntry } from './blacklist-matcher.js';
import { BlacklistRepository } from './blacklist.repository.js';
import { FloodRepository } from './flood.repository.js';

/**
 * Decides, inside the ingestion transaction, whether a message is kept out of the working queues:
 * a blocked contact, a blacklist entry matching the sender or the text, or a sender over the flood limit.
 * Such a message is stored hidden: no live event, no assignment, no bot.
 */
@Injectable()
export class InboundGuard implements InboundFilter, OnModuleInit {
  constructor(
    @Inject(INBOUND_FILTER) private readonly slot: InboundFilterSlot,
    private readonly blacklist: BlacklistRepository,
    private readonly flood: FloodRepository,
    private readonly phones: PhoneNormalizer,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit() {
    this.slot.install(this);
  }

  async check(tx: Executor, input: InboundFilterInput): Promise<InboundVerdict> {
    const { contact } = input;
    if (contact.blocked) return { hidden: true, reason: 'contact_blocked' };
    const now = new Date();
    const sent = input.event.contact;
    const phones = unique([...contact.phones, sent?.phone ? this.phones.tryNormalize(sent.phone) : null]);
    const emails = unique([...contact.emails, sent?.email?.trim().toLowerCase()]);
    const sender = { inboxId: input.inboxId, contactId: contact.id, identityExternalId: input.identity.externalId, phones, emails, text: input.text };
    const entries = await this.blacklist.candidates(tx, { ...sender, domains: domainsOf(emails) });
    const entry = matchingEntry(entries, sender, now);
    if (entry) return { hidden: true, reason: `blacklist:${entry.kind}`, details: { blacklistEntryId: entry.id } };
    return this.floodVerdict(tx, input, now);
  }

  private async floodVerdict(tx: Executor, { contact, inboxId }: InboundFilterInput, now: Date): Promise<InboundVerdict> {
    const settings = await this.flood.settings(tx);
    if (!settings.enabled) return { hidden: false };
    const count = await this.flood.count(tx, contact.id, now);
    if (count <= settings.maxMessagesPerMinute) return { hidden: false };
    const limitPerMinute = settings.maxMessagesPerMinute;
    return {
      hidden: true,
      reason: 'flood',
      // Supervisors hear of it once per window: when the sender first goes over the limit.
      afterCommit:
        count === limitPerMinute + 1
          ? () => this.realtime.emitMomentary('sender.throttled', { contactId: contact.id, contactName: contact.name, inboxId, messagesInWindow: count, limitPerMinute }, { supervisors: true, inboxId })
          : undefined,
    };
  }
}

function unique(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}

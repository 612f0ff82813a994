import { Injectable, Logger } from '@nestjs/common';
import type { DealStageChanged } from '@app/crm';
import type { MessageTriggerRow, TriggerOccurrenceRow } from '@app/db';
import { SegmentsPort } from '../marketing.contract.js';
import { candidateMonthDays, dueDateOccurrence } from './date-occurrences.js';
import type { DateTriggerConfig, EventTriggerConfig } from './dto/trigger-config.dto.js';
import { afterQuietHours } from './local-time.js';
import { TriggerCandidatesRepository, type CartCandidate, type ConversationCandidate } from './trigger-candidates.repository.js';
import { TriggerDelivery } from './trigger-delivery.service.js';
import { TriggerZones } from './trigger-zones.js';
import { TriggersClock } from './triggers-clock.js';
import { TriggersRepository } from './triggers.repository.js';

const PAGE = 500;
const DELIVERY_BATCH = 100;

export interface SweepReport {
  /** Occurrences recorded by this sweep (another process may have recorded the rest). */
  recorded: number;
  /** Occurrences this sweep sent, skipped or failed. */
  delivered: number;
}

type Zone = ReturnType<TriggerZones['forSweep']>;

/**
 * Finds the occurrences that are due and sends them. Date triggers and silence/cart events are found
 * by looking at the data; deal stages arrive as events. Every occurrence is first recorded under its
 * unique key (trigger, contact, occurrence), so running the sweep twice, or in two processes, sends once.
 */
@Injectable()
export class TriggerSweepService {
  private readonly logger = new Logger('TriggerSweep');

  constructor(
    private readonly repo: TriggersRepository,
    private readonly candidates: TriggerCandidatesRepository,
    private readonly delivery: TriggerDelivery,
    private readonly segments: SegmentsPort,
    private readonly zones: TriggerZones,
    private readonly clock: TriggersClock,
  ) {}

  async sweep(now = this.clock.now()): Promise<SweepReport> {
    await this.repo.releaseStaleClaims();
    const zoneOf = this.zones.forSweep();
    let recorded = 0;
    for (const trigger of await this.repo.listActive()) {
      try {
        recorded += await this.detect(trigger, now, zoneOf);
      } catch (error) {
        this.logger.warn(`Trigger ${trigger.id} could not be checked: ${(error as Error).message}`);
      }
    }
    return { recorded, delivered: await this.deliverDue(now) };
  }

  /** Sends every pending occurrence whose time has come (the quiet hours are over). */
  async deliverDue(now = this.clock.now()): Promise<number> {
    let delivered = 0;
    for (;;) {
      const due = await this.repo.duePending(now, DELIVERY_BATCH);
      for (const occurrence of due) if (await this.delivery.deliver(occurrence.id)) delivered++;
      if (due.length < DELIVERY_BATCH) return delivered;
    }
  }

  /** A deal moved: each active trigger on that stage records the deal's occurrence and sends it unless quiet hours hold it. */
  async onDealStage(event: DealStageChanged, now = this.clock.now()): Promise<void> {
    const { deal } = event;
    if (!deal.contactId) return;
    const contact = await this.candidates.contact(deal.contactId);
    if (!contact) return;
    const zoneOf = this.zones.forSweep();
    for (const trigger of await this.repo.listActive()) {
      const config = trigger.config as EventTriggerConfig;
      if (trigger.kind !== 'event' || config.event !== 'deal_stage' || config.stageId !== deal.stageId) continue;
      if (config.pipelineId && config.pipelineId !== deal.pipelineId) continue;
      const occurrence = await this.recordEvent(trigger, now, zoneOf, {
        contactId: contact.id,
        timeZone: contact.timeZone,
        inboxId: null,
        key: `deal:${deal.id}:${deal.stageId}`,
        dealId: deal.id,
      });
      if (occurrence && occurrence.dueAt.getTime() <= now.getTime()) await this.delivery.deliver(occurrence.id);
    }
  }

  private detect(trigger: MessageTriggerRow, now: Date, zoneOf: Zone): Promise<number> {
    if (trigger.kind === 'date') return this.detectDates(trigger, trigger.config as DateTriggerConfig, now, zoneOf);
    const config = trigger.config as EventTriggerConfig;
    if (config.event === 'no_reply') return this.detectSilence(trigger, new Date(now.getTime() - config.days * 86_400_000), now, zoneOf);
    if (config.event === 'cart_abandoned') return this.detectCarts(trigger, new Date(now.getTime() - config.hours * 3_600_000), now, zoneOf);
    return Promise.resolve(0);
  }

  private async detectDates(trigger: MessageTriggerRow, config: DateTriggerConfig, now: Date, zoneOf: Zone): Promise<number> {
    const monthDays = candidateMonthDays(config, now);
    let recorded = 0;
    let afterId: string | null = null;
    for (;;) {
      const page = await this.candidates.dateCandidates(config, monthDays, afterId, PAGE);
      const inboxes = trigger.inboxId ? null : await this.candidates.latestInboxes(page.map((c) => c.id));
      for (const contact of page) {
        const inboxId = trigger.inboxId ?? inboxes?.get(contact.id) ?? null;
        const timeZone = await zoneOf(contact.timeZone, inboxId);
        const due = dueDateOccurrence(config, { sendAtLocal: trigger.sendAtLocal, quietHours: trigger.quietHours }, { ...contact, timeZone }, now);
        if (!due || !(await this.inSegment(trigger, contact.id))) continue;
        const row = await this.repo.insertOccurrence({ triggerId: trigger.id, contactId: contact.id, occurrenceKey: due.key, dueAt: due.dueAt, context: { inboxId } });
        if (row) recorded++;
      }
      if (page.length < PAGE) return recorded;
      afterId = page[page.length - 1].id;
    }
  }

  private async detectSilence(trigger: MessageTriggerRow, before: Date, now: Date, zoneOf: Zone): Promise<number> {
    return this.recordAll(await this.candidates.unansweredConversations(trigger.id, before, PAGE), (c) => this.recordConversation(trigger, now, zoneOf, c, `no_reply:${c.conversationId}:${c.subjectId}`, {}));
  }

  private async detectCarts(trigger: MessageTriggerRow, before: Date, now: Date, zoneOf: Zone): Promise<number> {
    return this.recordAll(await this.candidates.abandonedCarts(trigger.id, before, PAGE), (c) => this.recordConversation(trigger, now, zoneOf, c, `cart:${c.subjectId}`, cartVariables(c)));
  }

  private async recordAll<T>(candidates: T[], record: (candidate: T) => Promise<TriggerOccurrenceRow | null>): Promise<number> {
    let recorded = 0;
    for (const candidate of candidates) if (await record(candidate)) recorded++;
    return recorded;
  }

  private recordConversation(trigger: MessageTriggerRow, now: Date, zoneOf: Zone, c: ConversationCandidate, key: string, variables: Record<string, string>) {
    return this.recordEvent(trigger, now, zoneOf, { contactId: c.contactId, timeZone: c.timeZone, inboxId: c.inboxId, key, variables });
  }

  /** Records an event's occurrence, due now or when the quiet hours end; null when it was recorded before or the contact is outside the segment. */
  private async recordEvent(
    trigger: MessageTriggerRow,
    now: Date,
    zoneOf: Zone,
    e: { contactId: string; timeZone: string | null; inboxId: string | null; key: string; dealId?: string; variables?: Record<string, string> },
  ): Promise<TriggerOccurrenceRow | null> {
    const base = { triggerId: trigger.id, contactId: e.contactId, occurrenceKey: e.key };
    if (!(await this.inSegment(trigger, e.contactId))) {
      // Recorded, so the detection does not find the same contact again on every sweep.
      await this.repo.insertOccurrence({ ...base, dueAt: now, context: {}, status: 'skipped', reason: 'outside_segment' });
      return null;
    }
    const inboxId = trigger.inboxId ?? e.inboxId ?? (await this.candidates.latestInboxes([e.contactId])).get(e.contactId) ?? null;
    const dueAt = afterQuietHours(now, trigger.quietHours, await zoneOf(e.timeZone, inboxId));
    return this.repo.insertOccurrence({
      ...base,
      dueAt,
      context: { inboxId, ...(e.dealId ? { dealId: e.dealId } : {}), ...(e.variables && Object.keys(e.variables).length ? { variables: e.variables } : {}) },
    });
  }

  private async inSegment(trigger: MessageTriggerRow, contactId: string): Promise<boolean> {
    return trigger.segmentId ? this.segments.has(trigger.segmentId, contactId) : true;
  }
}

/** The cart, passed to outreach as template variables `cart.total` and `cart.items` (rendered where the template renderer accepts them). */
function cartVariables(candidate: CartCandidate): Record<string, string> {
  const cart = candidate.cart ?? {};
  const items = (cart.items ?? []).map((line) => `${line.name ?? ''} × ${line.quantity ?? 1}`).join(', ');
  return { 'cart.total': cart.total && cart.currency ? `${cart.total} ${cart.currency}` : (cart.total ?? ''), 'cart.items': items };
}

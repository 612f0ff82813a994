import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainException } from '@app/common';
import { ContactsService, DealsService, type ContactRecord, type DealDetails } from '@app/crm';
import type { AutomationRule } from '@app/db';
import { t } from '@app/i18n';
import { InboxesService } from '@app/inbox';
import { SegmentsPort } from '@app/marketing';
import { BusinessHoursService } from '../business-hours/business-hours.service.js';
import { ROUTING_OPTIONS, type RoutingModuleOptions } from '../routing.options.js';
import { currentChain, MAX_RULE_DEPTH, withinRule } from './automation-guard.js';
import { AutomationRulesRepository } from './automation-rules.repository.js';
import { automationRuleSchema, type AutomationRuleInput, type RuleEvent } from './dto/automation-rule.dto.js';
import { RuleActions } from './rule-actions.js';
import { ruleMatches, type RuleFacts } from './rule-conditions.js';
import { webhookPayload, type ActionContext, type RuleSubject } from './rule-subject.js';

interface Gathered {
  facts: RuleFacts;
  contact: ContactRecord | null;
  deal: DealDetails | null;
  payload: Record<string, unknown>;
}

/**
 * Runs the enabled rules of an event in order, each at most once per event; a rule's own actions set off
 * further events, but never the same rule again in that chain and never deeper than MAX_RULE_DEPTH.
 * Every firing is logged with what each action did.
 */
@Injectable()
export class AutomationEngine {
  private readonly logger = new Logger('Automation');

  constructor(
    private readonly rules: AutomationRulesRepository,
    private readonly actions: RuleActions,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly inboxes: InboxesService,
    private readonly hours: BusinessHoursService,
    private readonly segments: SegmentsPort,
    @Inject(ROUTING_OPTIONS) private readonly options: RoutingModuleOptions,
  ) {}

  async handle(event: RuleEvent, subject: RuleSubject): Promise<void> {
    const chain = currentChain();
    if (chain.depth >= MAX_RULE_DEPTH) {
      this.logger.warn(`Rules stopped at depth ${chain.depth} on ${event} (chain ${chain.ruleIds.join(' → ')})`);
      return;
    }
    const rules = (await this.rules.enabledFor(event)).filter((r) => !chain.ruleIds.includes(r.id));
    if (rules.length === 0) return;
    const parsedRules = rules.map((rule) => ({ rule, parsed: this.parse(rule) }));
    const gathered = await this.gather(event, subject, segmentsAskedBy(parsedRules.map((r) => r.parsed)));
    for (const { rule, parsed } of parsedRules) {
      if (!parsed || !ruleMatches(parsed, gathered.facts)) continue;
      await withinRule(rule.id, () => this.execute(rule, parsed, event, subject, gathered, chain.depth));
    }
  }

  private async execute(rule: AutomationRule, parsed: AutomationRuleInput, event: RuleEvent, subject: RuleSubject, gathered: Gathered, depth: number) {
    const conversation = subject.conversation;
    const run = await this.rules.startRun({ ruleId: rule.id, event, conversationId: conversation?.id ?? null, dealId: gathered.deal?.id ?? null, depth });
    const ctx: ActionContext = {
      ruleId: rule.id,
      runId: run.id,
      event,
      conversationId: conversation?.id ?? null,
      inboxId: conversation?.inboxId ?? gathered.deal?.sourceInboxId ?? null,
      contactId: gathered.contact?.id ?? null,
      dealId: gathered.deal?.id ?? null,
      dealOwnerId: gathered.deal?.ownerId ?? null,
      assigneeId: conversation?.assigneeId ?? null,
      payload: gathered.payload,
    };
    const results: Record<string, unknown>[] = [];
    for (const action of parsed.actions) {
      try {
        results.push({ type: action.type, ok: true, ...(await this.actions.run(action, ctx)) });
      } catch (error) {
        results.push({ type: action.type, ok: false, ...this.describe(error) });
      }
    }
    await this.rules.finishRun(run.id, rule.id, results);
  }

  /** Stored rules were validated when saved; one that no longer validates (an older shape) is skipped, not run half. */
  private parse(rule: AutomationRule): AutomationRuleInput | null {
    const result = automationRuleSchema.safeParse({ name: rule.name, event: rule.event, match: rule.match, conditions: rule.conditions, actions: rule.actions });
    if (!result.success) this.logger.warn(`Rule ${rule.id} is not valid any more and is skipped: ${result.error.message}`);
    return result.success ? result.data : null;
  }

  private async gather(event: RuleEvent, subject: RuleSubject, segmentIds: string[]): Promise<Gathered> {
    const conversation = subject.conversation;
    const dealId = subject.deal?.id ?? conversation?.dealId ?? null;
    const deal = subject.deal ?? (dealId ? await this.deals.get(dealId).catch(() => null) : null);
    const contactId = conversation?.contactId ?? deal?.contactId ?? null;
    const contact = contactId ? await this.contacts.require(contactId).catch(() => null) : null;
    const inboxId = conversation?.inboxId ?? deal?.sourceInboxId ?? null;
    const inbox = inboxId ? await this.inboxes.findOrThrow(inboxId).catch(() => null) : null;
    const facts: RuleFacts = {
      event,
      inboxId,
      channel: inbox?.type ?? null,
      text: subject.message?.content ?? null,
      senderType: subject.message?.senderType ?? null,
      contact,
      businessOpen: inboxId ? await this.hours.isOpen(inboxId) : null,
      dealStageId: deal?.stageId ?? null,
      status: conversation?.status ?? null,
      segmentIds: contact ? await this.segmentsOf(contact.id, segmentIds) : new Set(),
    };
    return { facts, contact, deal, payload: webhookPayload(event, subject, contact, deal) };
  }

  /** A segment deleted since the rule was saved holds nobody. */
  private async segmentsOf(contactId: string, segmentIds: string[]): Promise<Set<string>> {
    const inside = await Promise.all(segmentIds.map((id) => this.segments.has(id, contactId).catch(() => false)));
    return new Set(segmentIds.filter((_id, i) => inside[i]));
  }

  private describe(error: unknown): Record<string, unknown> {
    if (error instanceof DomainException) return { code: error.code, error: t(error.messageKey, error.options.params, this.options.defaultLocale) };
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function segmentsAskedBy(rules: Array<AutomationRuleInput | null>): string[] {
  const ids = rules.flatMap((rule) => rule?.conditions.flatMap((c) => (c.type === 'contact_in_segment' ? [c.segmentId] : [])) ?? []);
  return [...new Set(ids)];
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Conversation, Executor, Message } from '@app/db';
import { t, type Locale } from '@app/i18n';
import { ConversationAutomationService, INBOUND_FILTER, InboundFilterSlot, type InboundFilter, type InboundFilterInput, type InboundVerdict } from '@app/inbox';
import { ReportsClock } from '../clock.js';
import type { ConversationRating, CsatSettings } from '../reports.contract.js';
import { REPORTS_OPTIONS, type ReportsModuleOptions } from '../reports.options.js';
import { parseRatingAnswer, ratingButtons, type RatingStage } from './rating-answer.js';
import { RatingsRepository } from './ratings.repository.js';

export const CSAT_ANSWER_REASON = 'csat_answer';

/** Marks the product's own rating messages, which reports do not count as bot replies. */
export const isRatingMessage = (m: Pick<Message, 'contentAttributes'>) => typeof m.contentAttributes.csat === 'string';

/**
 * Customer satisfaction: after resolution (where the inbox asks for it) a rating request goes out
 * through the conversation's channel with buttons 1-5; the customer's press or number is stored as the
 * rating, kept out of the working queues, and the conversation stays resolved. NPS 0-10 may follow.
 */
const RATING_STAGES: RatingStage[] = ['csat_pending', 'nps_pending'];

@Injectable()
export class CsatService implements InboundFilter, OnApplicationBootstrap {
  private readonly logger = new Logger('Csat');
  private next: InboundFilter | undefined;

  constructor(
    private readonly ratings: RatingsRepository,
    @Inject(INBOUND_FILTER) private readonly slot: InboundFilterSlot,
    private readonly automation: ConversationAutomationService,
    private readonly clock: ReportsClock,
    @Inject(REPORTS_OPTIONS) private readonly options: ReportsModuleOptions,
  ) {}

  /** Installed last, in front of whatever filter the other modules installed, which still runs first. */
  onApplicationBootstrap() {
    this.next = this.slot.installed;
    this.slot.install(this);
  }

  settings(inboxId: string): Promise<CsatSettings> {
    return this.ratings.settings(inboxId);
  }

  saveSettings(inboxId: string, values: { enabled?: boolean; askNps?: boolean }): Promise<CsatSettings> {
    return this.ratings.saveSettings(inboxId, values);
  }

  async view(conversationId: string): Promise<ConversationRating | null> {
    const row = await this.ratings.find(conversationId);
    return row && (row.csat !== null || row.nps !== null) ? { csat: row.csat, nps: row.nps, comment: row.comment } : null;
  }

  /** The ratings of a page of conversations, for the conversation list (one query). */
  async views(conversationIds: string[]): Promise<Map<string, ConversationRating>> {
    const rows = (await this.ratings.findMany(conversationIds)).filter((row) => row.csat !== null || row.nps !== null);
    return new Map(rows.map((row) => [row.conversationId, { csat: row.csat, nps: row.nps, comment: row.comment }]));
  }

  async resolved(c: Conversation): Promise<void> {
    if (!(await this.ratings.settings(c.inboxId)).enabled) return;
    if (!(await this.ratings.request({ conversationId: c.id, contactId: c.contactId, inboxId: c.inboxId, requestedAt: this.clock.now() }))) return;
    await this.ask(c.id, 'csat_pending');
  }

  async check(tx: Executor, input: InboundFilterInput): Promise<InboundVerdict> {
    const verdict = this.next ? await this.next.check(tx, input) : { hidden: false };
    if (verdict.hidden || input.event.kind === 'unsupported') return verdict;
    const answer = { buttonPayload: input.event.kind === 'button' ? input.event.payload : null, text: input.text };
    // Most messages cannot be a score at all: they need no look for a pending request.
    if (RATING_STAGES.every((stage) => parseRatingAnswer(stage, answer) === null)) return verdict;
    const now = this.clock.now();
    const pending = await this.ratings.pending(tx, input.contact.id, input.inboxId, now);
    if (!pending) return verdict;
    const stage = pending.stage as RatingStage;
    const score = parseRatingAnswer(stage, answer);
    if (score === null) return verdict;
    const askNps = stage === 'csat_pending' && (await this.ratings.settings(input.inboxId, tx)).askNps;
    await this.ratings.answer(tx, pending.conversationId, stage === 'csat_pending' ? { csat: score, csatAt: now, stage: askNps ? 'nps_pending' : 'done' } : { nps: score, npsAt: now, stage: 'done' });
    return {
      hidden: true,
      reason: CSAT_ANSWER_REASON,
      details: { ratedConversationId: pending.conversationId },
      afterCommit: async () => {
        await verdict.afterCommit?.();
        if (askNps) await this.ask(pending.conversationId, 'nps_pending');
        else await this.automation.post(pending.conversationId, { text: t('csat.thanks', {}, this.locale()) }, { csat: 'thanks' });
      },
    };
  }

  /** The answer's message joins the conversation it rates (see RatingsRepository.foldIntoRated). */
  async answerStored(conversation: Conversation, message: Message): Promise<void> {
    if (message.contentAttributes.hiddenReason !== CSAT_ANSWER_REASON) return;
    const latest = await this.ratings.latestAnswered(conversation.contactId, conversation.inboxId);
    if (latest) await this.ratings.foldIntoRated(message.id, conversation.id, latest.conversationId);
  }

  private async ask(conversationId: string, stage: RatingStage) {
    const key = stage === 'csat_pending' ? 'csat.request' : 'csat.nps_request';
    const posted = await this.automation.post(conversationId, { text: t(key, {}, this.locale()) }, { csat: stage === 'csat_pending' ? 'request' : 'nps_request', buttons: ratingButtons(stage) });
    if (!posted) this.logger.warn(`Rating request for conversation ${conversationId} not sent: the conversation is gone`);
  }

  private locale(): Locale {
    return this.options.defaultLocale;
  }
}

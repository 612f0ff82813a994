import { Inject, Injectable, Logger } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { ChannelError, type ChannelRateLimit, type OutboundMessage } from '@channel-adapters/core';
import { contactIdentities, contacts, InjectDb, type Db, type Message } from '@app/db';
import { en, t, type MessageKey } from '@app/i18n';
import { InjectRateLimiter, JobName, OnJob, PermanentJobError, RetryAfterError, type DeliverMessageJobData, type JobContext, type RateLimiter } from '@app/queue';
import { FileStorage } from '../attachments/file-storage.service.js';
import { CHANNEL_ADAPTERS, INBOX_RUNTIME, type ChannelAdapters, type InboxRuntimeOptions } from '../channel-adapters.port.js';
import { toMessagePayload } from '../conversations/conversation-views.js';
import { ConversationsRepository } from '../conversations/conversations.repository.js';
import { MessagesRepository } from '../conversations/messages.repository.js';
import { publicWebhookUrlOf } from '../inbox-view.js';
import { InboxesService } from '../inboxes.service.js';
import { UnitOfWork } from '../unit-of-work.js';

/** How soon a reply looks again whether the earlier replies of its conversation have left. */
const EARLIER_REPLY_WAIT_MS = 100;
/** Spacing of the comebacks of replies refused by one limit, oldest first (see turnOffsetMs). */
const TURN_OFFSET_STEP_MS = 3;
const TURN_OFFSET_MAX_RANK = 100;

/** Delivers one queued reply through its channel's adapter; safe to run again for the same message. */
@Injectable()
export class DeliverMessageJob {
  private readonly logger = new Logger('DeliverMessage');

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly messages: MessagesRepository,
    private readonly conversations: ConversationsRepository,
    private readonly inboxes: InboxesService,
    private readonly uow: UnitOfWork,
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(INBOX_RUNTIME) private readonly runtime: InboxRuntimeOptions,
    @InjectRateLimiter() private readonly rateLimiter: RateLimiter,
    private readonly storage: FileStorage,
  ) {}

  /**
   * Replies waiting for their turn under the channel's limits: their rate-limit keys, so that a job woken
   * only to be told to wait again costs no query (a burst to one chat wakes many jobs each second), and the
   * reply as built for the channel, so that the attempt that gets the turn sends it without reading it
   * again (kept only without file contents, which are read again rather than held in memory).
   */
  private readonly waiting = new Map<string, { limits: ChannelRateLimit[]; outbound?: OutboundMessage }>();

  @OnJob(JobName.DeliverMessage)
  async handle({ messageId }: DeliverMessageJobData, ctx: JobContext): Promise<void> {
    // A reply told to wait learns, without a query, whether its turn has come; its slot is taken only
    // just before the send, so reading the reply never stands between the slot and the channel.
    const known = this.waiting.get(messageId);
    if (known) await this.waitIfLimited(messageId, known.limits, (limits) => this.rateLimiter.peek(limits));
    const message = await this.messages.findById(messageId);
    // Already delivered, failed, or removed: a repeated job has nothing left to do.
    if (!message || message.status !== 'queued') return void this.waiting.delete(messageId);
    // Replies leave in the order they were written: one waits, without taking a turn of the channel's
    // limit, while an earlier reply of its conversation is still queued. Each job sends only its own
    // reply, so two jobs running at once can never send the same one twice.
    const before = await this.messages.queuedBefore(message.conversationId, message.id);
    if (before.oldestId) throw new RetryAfterError(await this.turnBehind(before.oldestId, before.count), 'an earlier reply of the conversation goes first');
    const conversation = await this.conversations.findById(message.conversationId);
    if (!conversation) return void this.waiting.delete(messageId);
    const inbox = await this.inboxes.findForWebhook(message.inboxId);
    if (!this.adapters.has(inbox.type)) return this.markFailed(message, `No adapter for ${inbox.type} channels`);
    const adapter = this.adapters.get(inbox.type);
    try {
      const settings = this.inboxes.settingsOf(inbox);
      const context = { inboxId: inbox.id, settings, publicUrl: this.runtime.publicUrl, webhookUrl: publicWebhookUrlOf(this.runtime.publicUrl, inbox.id) };
      const outbound = known?.outbound ?? (await this.outboundOf(message, conversation.contactId, conversation.contactIdentityId, conversation.threadKey));
      const limits = (adapter.rateLimits?.(outbound, context) ?? []).map((limit) => ({ ...limit, key: `${inbox.id}:${limit.key}` }));
      this.waiting.set(messageId, { limits, outbound: outbound.attachments?.some((a) => a.data) ? undefined : outbound });
      await this.waitIfLimited(messageId, limits, (l) => this.rateLimiter.acquire(l));
      const result = await adapter.send(outbound, context);
      await this.markSent(message, result.externalId);
    } catch (error) {
      if (!(error instanceof RetryAfterError)) this.waiting.delete(messageId);
      await this.onFailure(message, error, ctx, conversation.contactIdentityId);
    }
    this.waiting.delete(messageId);
  }

  /**
   * When a reply behind `ahead` earlier queued replies of its conversation may look again: not before the
   * oldest one's turn under its limits, and not before the replies in between can have left, since at most
   * `limit` replies of a chat leave in any window of its limits (ten replies to a chat allowed one a second
   * are nine seconds apart at least). Without that, every reply of a long burst to one chat looked again
   * ten times a second while the chat's limit let one leave, and those looks crowded out the sends.
   */
  private async turnBehind(oldestId: string, ahead: number): Promise<number> {
    const earlier = this.waiting.get(oldestId)?.limits;
    if (!earlier?.length) return EARLIER_REPLY_WAIT_MS;
    const turnMs = await this.rateLimiter.peek(earlier);
    const spacingMs = Math.max(...earlier.map((limit) => Math.floor(ahead / limit.limit) * limit.windowMs));
    return Math.max(EARLIER_REPLY_WAIT_MS, turnMs + spacingMs);
  }

  /**
   * Within the channel's limits (shared by every process through Redis) the send goes ahead; beyond them
   * the job is told to come back when the limit allows, without using an attempt.
   */
  private async waitIfLimited(messageId: string, limits: ChannelRateLimit[], check: (limits: ChannelRateLimit[]) => Promise<number>): Promise<void> {
    const waitMs = limits.length ? await check(limits) : 0;
    if (waitMs > 0) throw new RetryAfterError(waitMs + this.turnOffsetMs(messageId, limits), `The channel's rate limit allows the next message in ${waitMs} ms`);
  }

  /**
   * Replies refused by a shared limit would all come back at the moment it frees and race for it, so an
   * unlucky chat could fall behind and leave its replies for the end, one per chat window. Each comes
   * back a little later the more older replies of this process wait on the same limits: the oldest
   * tries first, and replies leave in about the order they were written.
   */
  private turnOffsetMs(messageId: string, limits: ChannelRateLimit[]): number {
    const keys = new Set(limits.map((limit) => limit.key));
    let older = 0;
    for (const [id, waiting] of this.waiting) {
      if (id < messageId && waiting.limits.some((limit) => keys.has(limit.key)) && ++older >= TURN_OFFSET_MAX_RANK) break;
    }
    return older * TURN_OFFSET_STEP_MS;
  }

  private async onFailure(message: Message, error: unknown, ctx: JobContext, identityId: string | null): Promise<void> {
    if (error instanceof RetryAfterError) throw error;
    if (error instanceof ChannelError) {
      if (error.identityFlags && identityId) await this.flagIdentity(identityId, error.identityFlags);
      if (error.kind === 'permanent') return this.markFailed(message, this.reasonOf(error));
      if (error.kind === 'rate_limited') throw new RetryAfterError(error.retryAfterMs ?? 30_000);
    }
    const reason = error instanceof Error ? error.message : String(error);
    if (ctx.attempt >= ctx.maxAttempts) return this.markFailed(message, `${reason} (gave up after ${ctx.attempt} attempts)`);
    await this.messages.update(this.db, message.id, { attempts: ctx.attempt, error: reason });
    this.logger.warn(`Delivery of ${message.id} failed (attempt ${ctx.attempt}/${ctx.maxAttempts}): ${reason}`);
    throw error instanceof PermanentJobError ? error : new Error(reason);
  }

  /** A reason the channel names by catalog key is shown in the product's language; others as the channel wrote them. */
  private reasonOf(error: ChannelError): string {
    return error.reasonKey && error.reasonKey in en ? t(error.reasonKey as MessageKey, {}, this.runtime.defaultLocale) : error.message;
  }

  /** What the failure taught about the recipient (they blocked the bot) is kept on their channel identity. */
  private async flagIdentity(identityId: string, flags: Record<string, unknown>): Promise<void> {
    await this.db
      .update(contactIdentities)
      .set({ attributes: sql`${contactIdentities.attributes} || ${JSON.stringify(flags)}::jsonb` })
      .where(eq(contactIdentities.id, identityId));
  }

  private async outboundOf(message: Message, contactId: string, identityId: string | null, threadKey: string | null): Promise<OutboundMessage> {
    const [contact] = await this.db.select().from(contacts).where(eq(contacts.id, contactId)).limit(1);
    const [identity] = identityId
      ? await this.db.select().from(contactIdentities).where(eq(contactIdentities.id, identityId)).limit(1)
      : [];
    const attachments = (await this.messages.attachmentsOf([message.id])).get(message.id) ?? [];
    const replyTo = message.replyToId ? await this.messages.findById(message.replyToId) : undefined;
    const lastIncoming = await this.messages.latestIncomingBefore(message.conversationId, message.id);
    return {
      messageId: message.id,
      conversationId: message.conversationId,
      contact: { externalId: identity?.externalId ?? contactId, phone: contact?.phones[0], email: contact?.emails[0], name: contact?.name, attributes: identity?.attributes },
      threadKey: threadKey ?? undefined,
      text: message.content ?? undefined,
      attachments: await Promise.all(
        attachments.map(async (a) => ({
          fileName: a.fileName,
          contentType: a.contentType,
          url: a.externalUrl ?? undefined,
          data: a.storageKey ? await this.storage.read(a.storageKey) : undefined,
        })),
      ),
      buttons: (message.contentAttributes.buttons as OutboundMessage['buttons']) ?? undefined,
      replyToExternalId: replyTo?.externalId ?? undefined,
      lastIncoming: lastIncoming?.externalId ? { externalId: lastIncoming.externalId, attributes: lastIncoming.contentAttributes } : undefined,
    };
  }

  private markSent(message: Message, externalId: string) {
    return this.uow.run(async (tx, changes) => {
      // The channel's id is unique per inbox; an id the channel reuses is kept aside rather than failing the delivery.
      const taken = await this.messages.findByExternalId(message.inboxId, externalId, tx);
      const updated = await this.messages.update(
        tx,
        message.id,
        taken && taken.id !== message.id
          ? { status: 'sent', error: null, contentAttributes: { ...message.contentAttributes, channelMessageId: externalId } }
          : { status: 'sent', externalId, error: null },
      );
      changes.announce({ type: 'message.updated', inboxId: updated.inboxId, conversationId: updated.conversationId, payload: toMessagePayload(updated) });
      changes.emit({ name: 'message.status_changed', data: { message: updated } });
    });
  }

  private markFailed(message: Message, reason: string) {
    this.logger.warn(`Delivery of ${message.id} failed for good: ${reason}`);
    return this.uow.run(async (tx, changes) => {
      const updated = await this.messages.update(tx, message.id, { status: 'failed', error: reason });
      changes.announce({ type: 'message.updated', inboxId: updated.inboxId, conversationId: updated.conversationId, payload: toMessagePayload(updated) });
      changes.emit({ name: 'message.status_changed', data: { message: updated } });
    });
  }
}

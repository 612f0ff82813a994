import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainException, ErrorCode, notFound } from '@app/common';
import { TeamsService } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { ContactsService } from '@app/crm';
import type { BotSessionRow, Conversation, Message } from '@app/db';
import { isLocale, t, type Locale } from '@app/i18n';
import { ConversationAutomationService, routingHoldOf } from '@app/inbox';
import { InjectJobQueue, JobName, type JobQueue } from '@app/queue';
import { RealtimeService } from '@app/realtime';
import { AssignmentService, BusinessHoursService } from '@app/routing';
import type { BotReply, BotSessionView, FlowDocument, Trigger } from '../bot-flow.contract.js';
import type { BlockingEffect, EngineContext, EngineInput, EngineResult, EngineState } from '../engine/engine.types.js';
import { advance } from '../engine/flow-engine.js';
import { BotFlowsService } from '../flows/bot-flows.service.js';
import { ProductsService } from '../products/products.service.js';
import { BotEffectsService } from './bot-effects.service.js';
import { describeVariables, toSessionView } from './bot-session-view.js';
import { BotSessionsRepository } from './bot-sessions.repository.js';

export interface BotSessionTimeoutJobData {
  sessionId: string;
  step: number;
}

const DEFAULT_TIMEOUT_MINUTES = 60;
const DEFAULT_TIME_ZONE = 'Europe/Moscow';
/** Effects one customer answer may set off (a flow of http nodes in a row); more means a loop. */
const MAX_EFFECTS_PER_STEP = 20;

/**
 * Runs bot sessions in real conversations: starts them (a trigger, an agent, a rule), feeds them the
 * customer's answers, carries out the engine's effects, sends the replies as bot messages through
 * the outbox, and hands the conversation to routing when the flow says so. One step at a time per
 * conversation.
 */
@Injectable()
export class BotRuntimeService {
  private readonly logger = new Logger('BotRuntime');
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly documents = new Map<string, FlowDocument>();

  constructor(
    private readonly flows: BotFlowsService,
    private readonly sessions: BotSessionsRepository,
    private readonly effects: BotEffectsService,
    private readonly products: ProductsService,
    private readonly automation: ConversationAutomationService,
    private readonly contacts: ContactsService,
    private readonly assignment: AssignmentService,
    private readonly hours: BusinessHoursService,
    private readonly teams: TeamsService,
    private readonly realtime: RealtimeService,
    @InjectJobQueue() private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A customer wrote (or pressed a button): the running session gets it, or a trigger may start one. */
  onCustomerMessage(conversation: Conversation, message: Message, isNewConversation: boolean): Promise<void> {
    return this.serialize(conversation.id, async () => {
      // A running session holds the conversation, and only a published flow starts one: with neither,
      // the message is not the bot's, and most workspaces' messages need no session lookup.
      if (!routingHoldOf(conversation) && (await this.flows.triggerable()).length === 0) return;
      const session = await this.sessions.running(conversation.id);
      if (session) {
        const expired = session.expiresAt !== null && session.expiresAt <= new Date();
        await this.step(session, expired ? { kind: 'timeout' } : inputOf(message));
        return;
      }
      // A person has the conversation: nothing starts a bot behind their back.
      if (conversation.assigneeId) return;
      const flowId = await this.triggeredFlow(conversation.inboxId, message.content ?? '', isNewConversation);
      if (flowId) await this.startLocked(conversation.id, flowId, message.content ?? undefined).catch((error) => this.logger.warn(`Trigger of flow ${flowId} failed: ${(error as Error).message}`));
    });
  }

  /** Starts a flow's published version in a conversation (an agent hands back, a rule, a deal stage). */
  start(conversationId: string, flowId: string): Promise<BotSessionView> {
    return this.serialize(conversationId, () => this.startLocked(conversationId, flowId));
  }

  /** An agent takes over: the bot stops at once and says nothing more. */
  stop(conversationId: string, reason: 'agent' | 'flow_deleted' = 'agent'): Promise<void> {
    return this.serialize(conversationId, async () => {
      const session = await this.sessions.running(conversationId);
      if (!session) return;
      const ended = await this.sessions.end(session.id, reason);
      await this.automation.setRoutingHold(conversationId, null, session.id);
      if (ended) await this.announce(conversationId, ended);
    });
  }

  async view(conversationId: string): Promise<BotSessionView | null> {
    const session = (await this.sessions.running(conversationId)) ?? (await this.sessions.latest(conversationId));
    // A finished session is still shown after a handoff: the agent reads what the bot collected.
    if (!session || session.status === 'ended') return null;
    return toSessionView(session, (await this.flows.findRow(session.flowId))?.name ?? '');
  }

  /** Before a flow is deleted: its running sessions end and give their conversations back to routing. */
  async stopFlow(flowId: string): Promise<void> {
    for (const session of await this.sessions.runningOfFlow(flowId)) {
      await this.stop(session.conversationId, 'flow_deleted');
      await this.assignment.route(session.conversationId);
    }
  }

  /** Sessions whose timeout job went missing (an in-process queue across a restart) time out here. */
  async sweepExpired(now = new Date()): Promise<number> {
    const expired = await this.sessions.expired(now);
    for (const session of expired) await this.timeout({ sessionId: session.id, step: session.step });
    return expired.length;
  }

  /** The timeout job: the session still waits at the same step and its time is up. */
  async timeout({ sessionId, step }: BotSessionTimeoutJobData): Promise<void> {
    const session = await this.sessions.findById(sessionId);
    if (!session || session.status !== 'waiting' || session.step !== step) return;
    await this.serialize(session.conversationId, async () => {
      const current = await this.sessions.findById(sessionId);
      if (!current || current.status !== 'waiting' || current.step !== step || !current.expiresAt || current.expiresAt > new Date()) return;
      await this.step(current, { kind: 'timeout' });
    });
  }

  private async startLocked(conversationId: string, flowId: string, triggerText?: string): Promise<BotSessionView> {
    const conversation = await this.automation.find(conversationId);
    if (!conversation) throw notFound('entity.conversation', conversationId);
    const published = await this.flows.published(flowId);
    this.documents.set(`${flowId}@${published.version}`, published.document);
    const contact = await this.contacts.require(conversation.contactId);
    // Telegram and browsers say "en-US": the language part decides.
    const language = contact.locale?.slice(0, 2).toLowerCase();
    const locale: Locale = isLocale(language) ? language : this.config.DEFAULT_LOCALE;
    const session = await this.sessions.insert({ conversationId, flowId, version: published.version, locale, variables: {}, expiresAt: null });
    if (!session) throw new DomainException(ErrorCode.BotSessionRunning);
    await this.automation.setRoutingHold(conversationId, { by: 'bot', sessionId: session.id });
    await this.automation.reopenAsPending(conversationId);
    const after = await this.step(session, { kind: 'start' }, triggerText);
    return toSessionView(after ?? session, published.flow.name);
  }

  /** One step of a session: the engine, its effects, the saved state, the replies, the handoff. */
  private async step(session: BotSessionRow, input: EngineInput, triggerText?: string): Promise<BotSessionRow | undefined> {
    const conversation = await this.automation.find(session.conversationId);
    if (!conversation) return undefined;
    const document = await this.documentOf(session);
    const contact = await this.contacts.require(conversation.contactId);
    const ctx: EngineContext = {
      locale: isLocale(session.locale) ? session.locale : this.config.DEFAULT_LOCALE,
      now: new Date(),
      timeZone: (await this.hours.schedule(conversation.inboxId))?.timeZone ?? DEFAULT_TIME_ZONE,
      contact: { name: contact.name || null, phone: contact.phones[0] ?? null, email: contact.emails[0] ?? null, tags: contact.tags, customFields: contact.customFields },
      products: await this.products.catalog(),
      lastMessage: input.kind === 'text' || input.kind === 'button' ? input.text : triggerText,
    };
    const state: EngineState = { nodeId: session.nodeId, status: session.status, variables: session.variables, nodeState: session.nodeState };
    const replies: BotReply[] = [];
    let result: EngineResult = advance(document, state, input, ctx);
    for (let effects = 0; ; effects += 1) {
      replies.push(...result.replies);
      if (result.awaiting !== 'effect') break;
      const effect = result.effects[result.effects.length - 1] as BlockingEffect;
      const outcome = effects < MAX_EFFECTS_PER_STEP ? await this.effects.run(effect, (await this.automation.find(conversation.id)) ?? conversation, contact.name) : ({ kind: 'effect', ok: false } as const);
      result = advance(document, result.state, outcome, ctx);
    }
    const finished = result.awaiting === 'none';
    const timeoutMinutes = document.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
    const saved = await this.sessions.saveStep(session.id, session.step, {
      nodeId: result.state.nodeId,
      status: result.state.status,
      variables: result.state.variables,
      nodeState: result.state.nodeState as Record<string, unknown>,
      expiresAt: finished ? null : new Date(Date.now() + timeoutMinutes * 60_000),
      ...(finished ? { endedAt: new Date(), endReason: input.kind === 'timeout' ? 'timeout' : result.state.status } : {}),
    });
    // Another step (an agent's stop, another process) got there first: this one is dropped unsaid.
    if (!saved) return undefined;
    for (const reply of replies) await this.send(conversation.id, session, reply);
    if (finished) await this.finish(saved, conversation, result);
    else if (saved.status === 'waiting') await this.scheduleTimeout(saved, timeoutMinutes);
    if (input.kind === 'start' || finished) await this.announce(conversation.id, saved);
    return saved;
  }

  private async finish(session: BotSessionRow, conversation: Conversation, result: EngineResult): Promise<void> {
    await this.automation.setRoutingHold(conversation.id, null, session.id);
    const handoff = result.effects.find((e) => e.kind === 'handoff');
    if (!handoff) return;
    const flowName = (await this.flows.findRow(session.flowId))?.name ?? '';
    const collected = describeVariables(session.variables);
    const locale = this.config.DEFAULT_LOCALE;
    const text = collected ? t('bots.handoff_note', { flow: flowName, variables: collected }, locale) : t('bots.handoff_note_empty', { flow: flowName }, locale);
    await this.automation.post(conversation.id, { text, private: true }, { botSessionId: session.id, botHandoff: true, variables: session.variables });
    const team = handoff.teamId ? await this.teams.get(handoff.teamId).catch(() => null) : null;
    // Passing to a team routes it by the team's policy; otherwise by the inbox's.
    if (!team || !(await this.assignment.assignTeam(conversation.id, team.id, team.name))) await this.assignment.route(conversation.id);
  }

  private async send(conversationId: string, session: BotSessionRow, reply: BotReply): Promise<void> {
    const attachments = reply.mediaUrl ? [{ url: reply.mediaUrl, contentType: contentTypeOf(reply.mediaUrl) }] : [];
    await this.automation.post(
      conversationId,
      { text: reply.text || null, attachments },
      { bot: { sessionId: session.id, flowId: session.flowId }, ...(reply.buttons?.length ? { buttons: reply.buttons } : {}) },
    );
  }

  private async scheduleTimeout(session: BotSessionRow, minutes: number): Promise<void> {
    try {
      await this.queue.add<BotSessionTimeoutJobData>(JobName.BotSessionTimeout, { sessionId: session.id, step: session.step }, { delayMs: minutes * 60_000, jobId: `bot-timeout:${session.id}:${session.step}` });
    } catch (error) {
      // The next customer message finds the session expired anyway.
      this.logger.warn(`Could not schedule the timeout of bot session ${session.id}: ${(error as Error).message}`);
    }
  }

  private async announce(conversationId: string, session: BotSessionRow): Promise<void> {
    const inboxId = (await this.automation.find(conversationId))?.inboxId;
    const view = session.status === 'ended' ? null : toSessionView(session, (await this.flows.findRow(session.flowId))?.name ?? '');
    this.realtime.emitMomentary('bot.session.changed', { conversationId, session: view }, { inboxId, conversationId });
  }

  private async documentOf(session: BotSessionRow): Promise<FlowDocument> {
    const key = `${session.flowId}@${session.version}`;
    const cached = this.documents.get(key);
    if (cached) return cached;
    const flow = await this.flows.findRow(session.flowId);
    if (!flow) throw notFound('entity.bot_flow', session.flowId);
    const { document } = await this.flows.version(flow, session.version);
    this.documents.set(key, document);
    return document;
  }

  /** A /command beats a keyword, which beats "every new conversation". */
  private async triggeredFlow(inboxId: string, text: string, isNewConversation: boolean): Promise<string | null> {
    const candidates = await this.flows.triggerable();
    const folded = text.trim().toLocaleLowerCase();
    const first = (test: (trigger: Trigger) => boolean) => candidates.find(({ triggers }) => triggers.some(test))?.flow.id ?? null;
    return (
      first((tr) => tr.type === 'command' && tr.inboxId === inboxId && new RegExp(`^${escapeRegExp(tr.command.toLocaleLowerCase())}(@\\w+)?(\\s|$)`).test(folded)) ??
      first((tr) => tr.type === 'keyword' && tr.inboxId === inboxId && tr.keywords.some((k) => folded.includes(k.trim().toLocaleLowerCase()))) ??
      (isNewConversation ? first((tr) => tr.type === 'new_conversation' && tr.inboxId === inboxId) : null)
    );
  }

  private serialize<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(conversationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.chains.set(conversationId, next);
    void next.finally(() => {
      if (this.chains.get(conversationId) === next) this.chains.delete(conversationId);
    }).catch(() => undefined);
    return next;
  }
}

function inputOf(message: Message): EngineInput {
  const payload = message.contentAttributes.buttonPayload;
  if (typeof payload === 'string' && payload) return { kind: 'button', buttonId: payload, text: message.content ?? undefined };
  return { kind: 'text', text: message.content ?? '' };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function contentTypeOf(url: string): string {
  const path = url.split('?')[0].toLowerCase();
  if (/\.jpe?g$/.test(path)) return 'image/jpeg';
  if (path.endsWith('.png')) return 'image/png';
  if (path.endsWith('.webp')) return 'image/webp';
  if (path.endsWith('.mp4')) return 'video/mp4';
  return 'image/jpeg';
}

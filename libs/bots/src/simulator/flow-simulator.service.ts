import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { t } from '@app/i18n';
import { KnowledgeService } from '@app/knowledge';
import type { BotReply, FlowDocument, SimulatedEffect, SimulateResponse } from '../bot-flow.contract.js';
import type { Effect, EngineContext, EngineInput, EngineState, Locale } from '../engine/engine.types.js';
import { advance, initialState } from '../engine/flow-engine.js';
import { formatMoney } from '../engine/money.js';
import { BotFlowsService } from '../flows/bot-flows.service.js';
import { requireFlowDocument } from '../flows/flow-validation.js';
import type { SimulateBotFlowInput } from '../flows/dto/bot-flow.dto.js';
import { ProductsService } from '../products/products.service.js';

interface Simulation {
  flowId: string;
  document: FlowDocument;
  state: EngineState;
  locale: Locale;
  touchedAt: number;
}

const IDLE_MS = 60 * 60_000;
const MAX_SIMULATIONS = 500;

/**
 * Chats with a flow without any channel: the same engine as real sessions, but effects are only
 * described ("a deal would be created") and answered as if they had worked. Kept in memory.
 */
@Injectable()
export class FlowSimulatorService {
  private readonly simulations = new Map<string, Simulation>();

  constructor(
    private readonly flows: BotFlowsService,
    private readonly products: ProductsService,
    private readonly knowledge: KnowledgeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async simulate(flowId: string, body: SimulateBotFlowInput): Promise<SimulateResponse> {
    this.forgetIdle();
    const existing = body.sessionId ? this.simulations.get(body.sessionId) : undefined;
    const restart = !existing || existing.flowId !== flowId;
    if (body.sessionId && restart && body.input) throw notFound('entity.bot_session', body.sessionId);
    const document = body.document ? requireFlowDocument(body.document) : restart ? (await this.flows.draftOf(flowId)).document : existing!.document;
    const locale = body.locale ?? existing?.locale ?? this.config.DEFAULT_LOCALE;
    const sessionId = !restart && body.sessionId ? body.sessionId : randomUUID();
    const input: EngineInput = restart || !body.input ? { kind: 'start' } : body.input.buttonId ? { kind: 'button', buttonId: body.input.buttonId, text: body.input.text } : { kind: 'text', text: body.input.text ?? '' };
    const from = restart || input.kind === 'start' ? initialState() : existing!.state;
    const ctx: EngineContext = {
      locale,
      now: new Date(),
      timeZone: 'Europe/Moscow',
      contact: { name: null, phone: null, email: null, tags: [], customFields: {} },
      products: await this.products.catalog(),
      lastMessage: input.kind === 'text' || input.kind === 'button' ? input.text : undefined,
    };
    const replies: BotReply[] = [];
    const effects: SimulatedEffect[] = [];
    let result = advance(document, from, input, ctx);
    for (let guard = 0; ; guard += 1) {
      replies.push(...result.replies);
      effects.push(...result.effects.map((e) => describe(e, locale)));
      if (result.awaiting !== 'effect' || guard > 50) break;
      result = advance(document, result.state, await this.simulatedResult(result.effects[result.effects.length - 1]), ctx);
    }
    this.simulations.set(sessionId, { flowId, document, state: result.state, locale, touchedAt: Date.now() });
    return { sessionId, replies, state: { nodeId: result.state.nodeId, variables: result.state.variables, status: result.state.status }, effects };
  }

  /** Reading the knowledge base changes nothing, so the simulator answers from the real one. */
  private async simulatedResult(effect: Effect | undefined): Promise<EngineInput> {
    if (effect?.kind === 'knowledge_search') return { kind: 'effect', ok: true, value: await this.knowledge.bestAnswer(effect.query, effect.locale) };
    return simulatedResult(effect);
  }

  private forgetIdle() {
    const now = Date.now();
    for (const [id, s] of this.simulations) if (now - s.touchedAt > IDLE_MS) this.simulations.delete(id);
    while (this.simulations.size >= MAX_SIMULATIONS) this.simulations.delete(this.simulations.keys().next().value!);
  }
}

function simulatedResult(effect: Effect | undefined): EngineInput {
  if (effect?.kind === 'create_deal') return { kind: 'effect', ok: true, value: { id: 'simulated', title: effect.title, amount: effect.amount } };
  return { kind: 'effect', ok: true, value: null };
}

export function describe(effect: Effect, locale: Locale): SimulatedEffect {
  switch (effect.kind) {
    case 'create_deal':
      return { kind: effect.kind, summary: t('bots.sim.create_deal', { title: effect.title, count: effect.items.length, amount: formatMoney(effect.amount, effect.currency, locale) }, locale) };
    case 'create_task':
      return { kind: effect.kind, summary: t('bots.sim.create_task', { title: effect.title }, locale) };
    case 'http':
      return { kind: effect.kind, summary: t('bots.sim.http', { method: effect.method, url: effect.url }, locale) };
    case 'knowledge_search':
      return { kind: effect.kind, summary: t('bots.sim.knowledge_search', { query: effect.query }, locale) };
    case 'handoff':
      return { kind: effect.kind, summary: t('bots.sim.handoff', {}, locale) };
    case 'end':
      return { kind: effect.kind, summary: t('bots.sim.end', {}, locale) };
  }
}

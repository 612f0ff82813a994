import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertPublicHttpUrl, UrlNotAllowedError } from '@channel-adapters/core';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { ActivitiesService, DealsService } from '@app/crm';
import type { Conversation } from '@app/db';
import { ConversationAutomationService } from '@app/inbox';
import { KnowledgeService } from '@app/knowledge';
import type { BlockingEffect, EngineInput } from '../engine/engine.types.js';
import { formatMoney } from '../engine/money.js';
import { ProductsRepository } from '../products/products.repository.js';
import { StaffBotService } from '../staff-bot/staff-bot.service.js';

const MAX_HTTP_ANSWER = 256 * 1024;

/** Carries out what the engine asks for, for a real conversation, and answers the result as the engine's next input. */
@Injectable()
export class BotEffectsService {
  private readonly logger = new Logger('BotEffects');

  constructor(
    private readonly deals: DealsService,
    private readonly activities: ActivitiesService,
    private readonly automation: ConversationAutomationService,
    private readonly products: ProductsRepository,
    private readonly staffBot: StaffBotService,
    private readonly knowledge: KnowledgeService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'PRIVATE_URL_HOSTS'>,
  ) {}

  async run(effect: BlockingEffect, conversation: Conversation, contactName: string): Promise<Extract<EngineInput, { kind: 'effect' }>> {
    try {
      switch (effect.kind) {
        case 'create_deal':
          return { kind: 'effect', ok: true, value: await this.createDeal(effect, conversation, contactName) };
        case 'create_task':
          return { kind: 'effect', ok: true, value: await this.createTask(effect, conversation) };
        case 'http':
          return await this.request(effect);
        case 'knowledge_search':
          return { kind: 'effect', ok: true, value: await this.knowledge.bestAnswer(effect.query, effect.locale) };
      }
    } catch (error) {
      this.logger.warn(`The bot's ${effect.kind} in conversation ${conversation.id} failed: ${(error as Error).message}`);
      return { kind: 'effect', ok: false, error: (error as Error).message };
    }
  }

  private async createDeal(effect: Extract<BlockingEffect, { kind: 'create_deal' }>, conversation: Conversation, contactName: string) {
    const deal = await this.deals.create({
      title: effect.title,
      pipelineId: effect.pipelineId,
      stageId: effect.stageId,
      amount: effect.amount,
      currency: effect.currency,
      contactId: conversation.contactId,
      sourceInboxId: conversation.inboxId,
      ownerId: conversation.assigneeId,
      lineItems: effect.items.map((line) => ({ name: line.name, sku: line.sku, quantity: line.quantity, unitPrice: line.price })),
    });
    await this.automation.linkDeal(conversation.id, deal);
    await this.products.takeFromStock(effect.items.map((line) => ({ productId: line.productId, quantity: line.quantity })));
    if (effect.notifyOwner) {
      await this.staffBot.notifyNewOrder({
        deal: { id: deal.id, title: deal.title, amount: deal.amount, currency: deal.currency, ownerId: deal.ownerId },
        conversation: { id: conversation.id, assigneeId: conversation.assigneeId },
        contactName,
        items: effect.items.map((line) => `${line.name} × ${line.quantity}`),
        amountText: (locale) => formatMoney(deal.amount, deal.currency, locale),
      });
    }
    return { id: deal.id, title: deal.title, amount: deal.amount, currency: deal.currency };
  }

  private async createTask(effect: Extract<BlockingEffect, { kind: 'create_task' }>, conversation: Conversation) {
    const task = await this.activities.create(
      {
        type: 'task',
        subject: effect.title,
        dueAt: effect.dueInMinutes !== null ? new Date(Date.now() + effect.dueInMinutes * 60_000) : null,
        contactId: conversation.contactId,
        dealId: conversation.dealId,
        conversationId: conversation.id,
        ownerId: effect.assigneeId ?? conversation.assigneeId,
      },
      null,
    );
    return { id: task.id };
  }

  /**
   * The company's own system, with the flow's timeout; a non-2xx answer is an error. A private-network
   * address is called only when an administrator listed its host in PRIVATE_URL_HOSTS.
   */
  private async request(effect: Extract<BlockingEffect, { kind: 'http' }>): Promise<Extract<EngineInput, { kind: 'effect' }>> {
    let url: URL;
    try {
      url = (await assertPublicHttpUrl(effect.url, { privateHosts: this.config.PRIVATE_URL_HOSTS })).url;
    } catch (error) {
      if (error instanceof UrlNotAllowedError) return { kind: 'effect', ok: false, error: `${error.reason}; list the host in PRIVATE_URL_HOSTS if it is your own system` };
      throw error;
    }
    const response = await fetch(url, {
      method: effect.method,
      headers: { ...(effect.body !== undefined ? { 'content-type': 'application/json' } : {}), ...effect.headers },
      body: effect.method === 'GET' ? undefined : effect.body,
      signal: AbortSignal.timeout(effect.timeoutMs),
      redirect: 'error',
    });
    const raw = (await response.text()).slice(0, MAX_HTTP_ANSWER);
    if (!response.ok) return { kind: 'effect', ok: false, error: `HTTP ${response.status}` };
    let value: unknown = raw;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        value = JSON.parse(raw);
      } catch {
        value = raw;
      }
    }
    return { kind: 'effect', ok: true, value };
  }
}

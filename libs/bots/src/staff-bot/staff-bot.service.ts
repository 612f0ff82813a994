import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ChannelContext, InboundEvent, OutboundButton } from '@channel-adapters/core';
import { UsersRepository, type AuthUser } from '@app/auth';
import { isLocale, t, type Locale } from '@app/i18n';
import { CHANNEL_ADAPTERS, type ChannelAdapters } from '@app/inbox';
import { StaffBotLinksRepository } from './staff-bot-links.repository.js';
import { STAFF_BOT_OPTIONS, type StaffBotOptions } from './staff-bot.options.js';
import { staffLinkCode, userOfLinkCode } from './staff-link-code.js';

export interface StaffBotLink {
  enabled: boolean;
  botUsername: string | null;
  /** The /start parameter; open `url` (or send "/start <code>" to the bot) to link this user's chat. */
  code: string | null;
  url: string | null;
  linked: boolean;
  linkedAt: string | null;
}

export interface NewOrderNotice {
  deal: { id: string; title: string; amount: string; currency: string; ownerId: string | null };
  conversation: { id: string; assigneeId: string | null };
  contactName: string;
  /** "Pizza × 2" lines. */
  items: string[];
  amountText: (locale: Locale) => string;
}

/** An SLA breach to tell a person about; `what` per language ("first response", "resolution"). */
export interface SlaBreachNotice {
  conversationId: string;
  /** The one to tell (the assignee); null: the admins and supervisors who linked the bot. */
  userId: string | null;
  contactName: string;
  what: Record<Locale, string>;
}

const RETRY_MS = 5_000;

/**
 * The staff bot: a second Telegram bot, driven through the same Telegram adapter as the customer
 * bots, that tells a deal's owner about new orders and SLA breaches with a link to the conversation.
 * Users link their chat with /start <code> from their profile.
 */
@Injectable()
export class StaffBotService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StaffBot');
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private username: string | null = null;

  constructor(
    @Inject(STAFF_BOT_OPTIONS) private readonly options: StaffBotOptions,
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    private readonly links: StaffBotLinksRepository,
    private readonly users: UsersRepository,
  ) {}

  get enabled(): boolean {
    return Boolean(this.options.token) && this.adapters.has('telegram');
  }

  private context(): ChannelContext {
    return { inboxId: 'staff-bot', settings: { botToken: this.options.token, ...(this.options.apiRoot ? { apiRoot: this.options.apiRoot } : {}), mode: 'polling' } };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    try {
      const connected = await this.adapters.get('telegram').connect?.(this.context());
      this.username = (connected?.settings?.botUsername as string | undefined) ?? null;
    } catch (error) {
      this.logger.warn(`The staff bot could not connect: ${(error as Error).message}`);
    }
    if (this.options.polls) this.loop = this.poll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async poll(): Promise<void> {
    const adapter = this.adapters.get('telegram');
    let cursor: unknown;
    while (!this.abort.signal.aborted) {
      try {
        const result = await adapter.poll!(this.context(), cursor, this.abort.signal);
        cursor = result.cursor;
        await this.handle(result.events);
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.logger.warn(`Polling the staff bot failed: ${(error as Error).message}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, RETRY_MS);
          this.abort.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
        });
      }
    }
  }

  /** Answers the staff bot's updates: "/start <code>" links the chat to the user of the code. */
  async handle(events: InboundEvent[]): Promise<void> {
    for (const event of events) {
      if (event.kind !== 'message' || event.threadKey || !event.text) continue;
      const chatId = event.contact.externalId;
      const [command, code] = event.text.trim().split(/\s+/);
      const locale: Locale = event.contact.locale?.startsWith('en') ? 'en' : 'ru';
      if (command !== '/start' || !code) {
        await this.send(chatId, t('bots.staff.hello', {}, locale));
        continue;
      }
      const userId = userOfLinkCode(code, this.options.appSecret);
      const user = userId ? await this.users.findById(userId) : undefined;
      if (!user?.active) {
        await this.send(chatId, t('bots.staff.link_invalid', {}, locale));
        continue;
      }
      await this.links.link(user.id, chatId);
      await this.send(chatId, t('bots.staff.linked', { name: user.name }, isLocale(user.locale) ? user.locale : locale));
    }
  }

  async linkOf(user: AuthUser): Promise<StaffBotLink> {
    const link = user.kind === 'user' ? await this.links.find(user.id) : undefined;
    const code = this.enabled && user.kind === 'user' ? staffLinkCode(user.id, this.options.appSecret) : null;
    return {
      enabled: this.enabled,
      botUsername: this.username,
      code,
      url: code && this.username ? `https://t.me/${this.username}?start=${code}` : null,
      linked: Boolean(link),
      linkedAt: link?.linkedAt.toISOString() ?? null,
    };
  }

  async unlink(userId: string): Promise<void> {
    await this.links.unlink(userId);
  }

  /** Tells the deal's owner (else the conversation's agent, else admins and supervisors) about an order a bot took. */
  async notifyNewOrder(order: NewOrderNotice): Promise<number> {
    const recipients = await this.recipients(order.deal.ownerId ?? order.conversation.assigneeId);
    for (const { chatId, locale } of recipients) {
      const items = order.items.length ? `\n${order.items.map((line) => `• ${line}`).join('\n')}` : '';
      const text = t('bots.staff.new_order', { title: order.deal.title, amount: order.amountText(locale), contact: order.contactName, items }, locale);
      await this.send(chatId, text, this.linkButtons(locale, order.conversation.id, order.deal.id));
    }
    return recipients.length;
  }

  /** For the SLA clocks: tells the conversation's agent (or the supervisors) that a promised time has passed. */
  async notifySlaBreach(breach: SlaBreachNotice): Promise<number> {
    const recipients = await this.recipients(breach.userId);
    for (const { chatId, locale } of recipients) {
      await this.send(chatId, t('bots.staff.sla_breached', { what: breach.what[locale], contact: breach.contactName }, locale), this.linkButtons(locale, breach.conversationId));
    }
    return recipients.length;
  }

  private linkButtons(locale: Locale, conversationId: string, dealId?: string): OutboundButton[][] | undefined {
    const base = this.options.publicUrl?.replace(/\/$/, '');
    if (!base) return undefined;
    return [
      [{ id: 'open-conversation', text: t('bots.staff.open_conversation', {}, locale), url: `${base}/inbox/${conversationId}` }],
      ...(dealId ? [[{ id: 'open-deal', text: t('bots.staff.open_deal', {}, locale), url: `${base}/deals/${dealId}` }]] : []),
    ];
  }

  private async recipients(userId: string | null): Promise<Array<{ chatId: string; locale: Locale }>> {
    if (!this.enabled) return [];
    const links = userId ? await this.links.of([userId]) : await this.links.all();
    const out: Array<{ chatId: string; locale: Locale }> = [];
    for (const link of links) {
      const user = await this.users.findById(link.userId);
      if (!user?.active || (!userId && user.role === 'agent')) continue;
      out.push({ chatId: link.chatId, locale: isLocale(user.locale) ? user.locale : 'ru' });
    }
    return out;
  }

  private async send(chatId: string, text: string, buttons?: OutboundButton[][]): Promise<void> {
    try {
      await this.adapters.get('telegram').send({ messageId: randomUUID(), conversationId: 'staff-bot', contact: { externalId: chatId }, text, ...(buttons ? { buttons } : {}) }, this.context());
    } catch (error) {
      this.logger.warn(`The staff bot could not write to chat ${chatId}: ${(error as Error).message}`);
    }
  }
}

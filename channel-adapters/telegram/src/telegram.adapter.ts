import { randomBytes } from 'node:crypto';
import {
  AttachmentTooLargeError,
  ChannelConfigError,
  ChannelError,
  WebhookAuthError,
  readJsonBody,
  timingSafeEqualStrings,
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  type ChannelRateLimit,
  type ConnectContext,
  type ConnectResult,
  type DownloadedFile,
  type InboundAttachment,
  type InboundEvent,
  type OutboundMessage,
  type ParseResult,
  type PollResult,
  type SendResult,
  type WebhookRequest,
} from '@channel-adapters/core';
import { BotApi } from './telegram-client.js';
import { chatIdOf, isGroupChatId, planSend, TELEGRAM_MAX_TEXT_LENGTH } from './telegram-outbound.js';
import type { TgUpdate } from './telegram-update.types.js';
import { ALLOWED_UPDATES, eventsFromUpdate, messageExternalId, readUpdate } from './telegram-updates.js';
import { effectiveMode, readTelegramSettings, type TelegramChannelSettings } from './telegram.settings.js';

export const SECRET_TOKEN_HEADER = 'x-telegram-bot-api-secret-token';

/** Bots may download files of up to 20 MB through getFile. */
export const TELEGRAM_MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/**
 * Telegram's published limits (one message a second per chat, twenty a minute per group, thirty a
 * second per bot), kept with a margin: requests leave a busy process unevenly, so two sends spaced by
 * exactly the limit here can reach Telegram closer together and be answered 429.
 */
export const TELEGRAM_RATE_LIMITS = {
  chat: { limit: 1, windowMs: 1_100 },
  group: { limit: 20, windowMs: 63_000 },
  bot: { limit: 29, windowMs: 1_000 },
} as const;

export interface TelegramChannelAdapterOptions {
  /** Deadline of one ordinary Bot API call. */
  requestTimeoutMs?: number;
  /** How long getUpdates waits for an update (Telegram allows up to 50 s). */
  pollTimeoutSec?: number;
}

/** Telegram bots through the Bot API (telegraf's client): webhooks or long polling, text, media and inline buttons. */
export class TelegramChannelAdapter implements ChannelAdapter {
  readonly type = 'telegram' as const;

  readonly capabilities: ChannelCapabilities = {
    maxTextLength: TELEGRAM_MAX_TEXT_LENGTH,
    buttons: true,
    media: ['image', 'video', 'audio', 'file'],
    edits: true,
    replies: true,
    typing: true,
  };

  private readonly requestTimeoutMs: number;
  private readonly pollTimeoutSec: number;

  constructor(options: TelegramChannelAdapterOptions = {}) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.pollTimeoutSec = options.pollTimeoutSec ?? 25;
  }

  async verify(request: WebhookRequest, context: ChannelContext): Promise<void> {
    const { webhookSecret } = readTelegramSettings(context.settings);
    // The secret is generated when the webhook is registered; without it nothing can be trusted.
    if (!webhookSecret) throw new WebhookAuthError('This Telegram inbox has no webhook secret; save its settings again to register the webhook');
    const given = request.headers[SECRET_TOKEN_HEADER];
    if (!given) throw new WebhookAuthError('Missing X-Telegram-Bot-Api-Secret-Token header; only Telegram may call this webhook');
    if (!timingSafeEqualStrings(given, webhookSecret)) throw new WebhookAuthError('X-Telegram-Bot-Api-Secret-Token does not match this inbox');
  }

  async parse(request: WebhookRequest, context: ChannelContext): Promise<ParseResult> {
    const update = readUpdate(readJsonBody(request));
    return { events: this.eventsOf([update], context) };
  }

  async connect(context: ConnectContext): Promise<ConnectResult> {
    const settings = readTelegramSettings(context.settings);
    const api = this.api(settings);
    const me = await this.checkToken(api);
    const mode = effectiveMode(settings, context.webhookUrl);
    const bot = { botId: me.id, botUsername: me.username, botName: me.first_name, mode };
    if (mode === 'polling') {
      // getUpdates refuses to work while a webhook is set; pending updates stay for the first poll.
      await this.configCall(api, 'deleteWebhook', { drop_pending_updates: false });
      return { settings: bot };
    }
    if (!context.webhookUrl) throw new ChannelConfigError('Webhook mode needs the server\'s public address: set PUBLIC_URL, or choose polling mode');
    const webhookSecret = randomBytes(32).toString('hex');
    await this.configCall(api, 'setWebhook', { url: context.webhookUrl, secret_token: webhookSecret, allowed_updates: ALLOWED_UPDATES });
    return { settings: { ...bot, webhookSecret } };
  }

  async disconnect(context: ChannelContext): Promise<void> {
    const settings = readTelegramSettings(context.settings);
    if (!settings.botToken || effectiveMode(settings, context.publicUrl) !== 'webhook') return;
    await this.api(settings).call('deleteWebhook', { drop_pending_updates: false }, { timeoutMs: this.requestTimeoutMs });
  }

  receivesByPolling(context: ChannelContext): boolean {
    return effectiveMode(readTelegramSettings(context.settings), context.publicUrl) === 'polling';
  }

  /** The cursor is the next update_id wanted: asking from it confirms every earlier update to Telegram. */
  async poll(context: ChannelContext, cursor: unknown, signal: AbortSignal): Promise<PollResult> {
    const offset = typeof cursor === 'number' && Number.isInteger(cursor) ? cursor : undefined;
    const updates = await this.api(readTelegramSettings(context.settings)).call<TgUpdate[]>(
      'getUpdates',
      { offset, timeout: this.pollTimeoutSec, allowed_updates: ALLOWED_UPDATES },
      { signal, timeoutMs: (this.pollTimeoutSec + 15) * 1000 },
    );
    const valid = updates.filter((update) => Number.isInteger(update?.update_id));
    const next = valid.reduce((max, update) => Math.max(max, update.update_id + 1), offset ?? 0);
    // A malformed update is skipped past, so it cannot stop every later one from arriving.
    const readable = valid.flatMap((update) => {
      try {
        return [readUpdate(update)];
      } catch {
        return [];
      }
    });
    return { events: this.eventsOf(readable, context), cursor: next || cursor };
  }

  rateLimits(message: OutboundMessage): ChannelRateLimit[] {
    const chatId = chatIdOf(message);
    return [
      { key: 'bot', ...TELEGRAM_RATE_LIMITS.bot },
      { key: `chat:${chatId}`, ...TELEGRAM_RATE_LIMITS.chat },
      ...(isGroupChatId(chatId) ? [{ key: `group:${chatId}`, ...TELEGRAM_RATE_LIMITS.group }] : []),
    ];
  }

  async download(attachment: InboundAttachment, context: ChannelContext, maxBytes: number): Promise<DownloadedFile> {
    const limit = Math.min(maxBytes, TELEGRAM_MAX_DOWNLOAD_BYTES);
    if (!attachment.externalId) throw ChannelError.permanent(`The attachment ${attachment.fileName} has no Telegram file id`);
    if (attachment.sizeBytes && attachment.sizeBytes > limit) throw new AttachmentTooLargeError(limit, attachment.sizeBytes);
    const api = this.api(readTelegramSettings(context.settings));
    let file: { file_path?: string; file_size?: number };
    try {
      file = await api.call('getFile', { file_id: attachment.externalId }, { timeoutMs: this.requestTimeoutMs });
    } catch (error) {
      if (error instanceof ChannelError && /file is too big/i.test(error.reason)) throw new AttachmentTooLargeError(limit, attachment.sizeBytes);
      throw error;
    }
    if (file.file_size && file.file_size > limit) throw new AttachmentTooLargeError(limit, file.file_size);
    if (!file.file_path) throw ChannelError.retryable('Telegram did not give a path to download the file from');
    const data = await api.downloadFile(file.file_path, limit, { timeoutMs: Math.max(this.requestTimeoutMs, 60_000) });
    if (data === 'too_large') throw new AttachmentTooLargeError(limit, file.file_size);
    return { data, contentType: attachment.contentType, fileName: attachment.fileName };
  }

  async send(message: OutboundMessage, context: ChannelContext): Promise<SendResult> {
    const api = this.api(readTelegramSettings(context.settings), 'send');
    let first: { message_id: number; chat: { id: number | string } } | undefined;
    for (const call of planSend(message)) {
      const sent = await api.call<{ message_id: number; chat: { id: number | string } }>(call.method, call.payload, { timeoutMs: this.requestTimeoutMs });
      first ??= sent;
    }
    return { externalId: messageExternalId(first!.chat.id, first!.message_id) };
  }

  private eventsOf(updates: TgUpdate[], context: ChannelContext): InboundEvent[] {
    for (const update of updates) if (update.callback_query) this.acknowledge(update.callback_query.id, context);
    return updates.flatMap((update) => eventsFromUpdate(update));
  }

  /** Stops the spinner on the pressed button at once; the press itself is stored whether or not this works. */
  private acknowledge(callbackQueryId: string, context: ChannelContext): void {
    const settings = readTelegramSettings(context.settings);
    if (!settings.botToken) return;
    void this.api(settings)
      .call('answerCallbackQuery', { callback_query_id: callbackQueryId }, { timeoutMs: this.requestTimeoutMs })
      .catch(() => undefined);
  }

  private async checkToken(api: BotApi): Promise<{ id: number; username?: string; first_name?: string }> {
    try {
      return await api.call('getMe', {}, { timeoutMs: this.requestTimeoutMs });
    } catch (error) {
      throw configError(error, 'The bot token could not be checked');
    }
  }

  private async configCall(api: BotApi, method: string, payload: Record<string, unknown>): Promise<void> {
    try {
      await api.call(method, payload, { timeoutMs: this.requestTimeoutMs });
    } catch (error) {
      throw configError(error, `Telegram refused ${method}`);
    }
  }

  private api(settings: TelegramChannelSettings, purpose: 'send' | 'config' = 'config'): BotApi {
    if (!settings.botToken) {
      const reason = 'This Telegram inbox has no bot token; enter the token from @BotFather in its settings';
      throw purpose === 'send' ? ChannelError.permanent(reason) : new ChannelConfigError(reason);
    }
    return new BotApi(settings.botToken, settings.apiRoot);
  }
}

function configError(error: unknown, context: string): ChannelConfigError | ChannelError {
  if (!(error instanceof ChannelError)) return new ChannelConfigError(`${context}: ${String(error)}`);
  // A token the Bot API does not know is the administrator's to fix; an outage is worth a retry.
  if (error.kind === 'permanent') return new ChannelConfigError(error.reason, { cause: error });
  return new ChannelConfigError(`${context}, Telegram could not be reached: ${error.reason}. Check apiRoot or try again`, { cause: error });
}

import {
  ChannelConfigError,
  ChannelError,
  UrlNotAllowedError,
  WebhookAuthError,
  WebhookPayloadError,
  downloadPublicFile,
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
import { VkApi } from './vk-api.js';
import { apiErrorOf, channelErrorOf, VK_REASON_KEYS } from './vk-errors.js';
import { VkLongPoll } from './vk-long-poll.js';
import { VkNameCache } from './vk-names.js';
import { assertMessagesAllowed, forwardOf, keyboardOf, peerIdOf, randomIdOf, textParts, VK_MAX_TEXT_LENGTH } from './vk-outbound.js';
import type { VkUpdate } from './vk-update.types.js';
import { uploadAttachment } from './vk-upload.js';
import { eventsFromUpdate, messageExternalId, readUpdate } from './vk-updates.js';
import { effectiveMode, readVkSettings, type VkChannelSettings } from './vk.settings.js';

/** VK lets a community token make 20 API calls a second. */
export const VK_RATE_LIMITS = { community: { limit: 20, windowMs: 1_000 } } as const;

/** What VK wants back for every Callback API event it should not send again. */
const OK_REPLY = { status: 200, contentType: 'text/plain', body: 'ok' } as const;

export interface VkChannelAdapterOptions {
  /** Deadline of one ordinary API call. */
  requestTimeoutMs?: number;
  /** How long the long-poll server holds a request without events (VK allows up to 90 s). */
  pollWaitSec?: number;
  /** Lets downloads and attachment URLs reach private addresses; only tests set this. */
  allowPrivateAddresses?: boolean;
}

type SentItem = { peer_id: number; message_id?: number; conversation_message_id?: number; error?: { code: number; description?: string } };

/** VK communities through the API: the Callback API or Bots Long Poll in, messages.send with uploads and inline keyboards out. */
export class VkChannelAdapter implements ChannelAdapter {
  readonly type = 'vk' as const;
  readonly capabilities: ChannelCapabilities = {
    maxTextLength: VK_MAX_TEXT_LENGTH,
    buttons: true,
    media: ['image', 'audio', 'video', 'file'],
    edits: true,
    replies: true,
    typing: true,
  };

  private readonly requestTimeoutMs: number;
  private readonly allowPrivateAddresses: boolean;
  private readonly names = new VkNameCache();
  private readonly longPoll: VkLongPoll;

  constructor(options: VkChannelAdapterOptions = {}) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.allowPrivateAddresses = options.allowPrivateAddresses ?? false;
    this.longPoll = new VkLongPoll(options.pollWaitSec ?? 25, this.requestTimeoutMs);
  }

  /** VK sends the secret key in the body of every Callback API request, the confirmation included. */
  async verify(request: WebhookRequest, context: ChannelContext): Promise<void> {
    const settings = readVkSettings(context.settings);
    if (!settings.secretKey) throw new WebhookAuthError('This VK inbox has no secret key; enter the one set in VK (Manage → API usage → Callback API) in the inbox settings');
    const body = parsedOrNull(request);
    const secret = body && typeof body === 'object' ? (body as { secret?: unknown }).secret : undefined;
    if (typeof secret !== 'string' || !secret) throw new WebhookAuthError('The request has no secret; only VK, with the secret key of this inbox, may call this address');
    if (!timingSafeEqualStrings(secret, settings.secretKey)) throw new WebhookAuthError('The secret does not match the secret key of this inbox');
    const groupId = (body as { group_id?: unknown }).group_id;
    if (settings.groupId && groupId !== settings.groupId) throw new WebhookAuthError(`The event is for community ${typeof groupId === 'number' ? groupId : 'unknown'}, this inbox is connected to community ${settings.groupId}`);
  }

  async parse(request: WebhookRequest, context: ChannelContext): Promise<ParseResult> {
    const update = readUpdate(readJsonBody(request));
    if (update.type === 'confirmation') {
      const { confirmationCode } = readVkSettings(context.settings);
      if (!confirmationCode) throw new WebhookPayloadError('This VK inbox has no confirmation code; enter the code VK shows in Manage → API usage → Callback API in the inbox settings');
      return { events: [], reply: { status: 200, contentType: 'text/plain', body: confirmationCode } };
    }
    return { events: await this.eventsOf([update], context), reply: OK_REPLY };
  }

  async connect(context: ConnectContext): Promise<ConnectResult> {
    const settings = readVkSettings(context.settings);
    const api = this.configApi(settings);
    const group = await this.checkToken(api, settings);
    const mode = effectiveMode(settings, context.webhookUrl);
    const learnt: Record<string, unknown> = { groupName: group.name, mode };
    if (mode === 'longpoll') {
      await this.configCall(api, 'groups.getLongPollServer', { group_id: settings.groupId }, 'Bots Long Poll API is not available for the community: switch it on in VK (Manage → API usage → Long Poll API), tick the message events, and save again', 'mode');
      return { settings: learnt };
    }
    if (!context.webhookUrl) throw new ChannelConfigError('The Callback API needs the server\'s public address: set PUBLIC_URL, or choose Bots Long Poll', { reasonKey: 'channel.vk.callback_needs_public_url', field: 'mode' });
    if (!settings.secretKey) throw new ChannelConfigError('The Callback API needs a secret key: make one up, enter it in VK (Manage → API usage → Callback API) and here', { reasonKey: 'channel.vk.secret_key_required', field: 'secretKey' });
    if (!context.settings.confirmationCode) {
      const { code } = await this.configCall<{ code: string }>(api, 'groups.getCallbackConfirmationCode', { group_id: settings.groupId }, 'VK did not give the confirmation code: copy it from Manage → API usage → Callback API into the inbox settings', 'confirmationCode');
      learnt.callbackConfirmationCode = code;
    }
    return { settings: learnt };
  }

  receivesByPolling(context: ChannelContext): boolean {
    return effectiveMode(readVkSettings(context.settings), context.publicUrl) === 'longpoll';
  }

  /** The cursor is the long-poll ts; the server and its key stay in memory, since a restart simply asks for new ones. */
  async poll(context: ChannelContext, cursor: unknown, signal: AbortSignal): Promise<PollResult> {
    const settings = readVkSettings(context.settings);
    const api = this.sendApi(settings);
    const batch = await this.longPoll.next(context.inboxId, settings, api, cursor, signal);
    return { events: await this.eventsOf(batch.updates, context), cursor: batch.cursor };
  }

  rateLimits(): ChannelRateLimit[] {
    return [{ key: 'community', ...VK_RATE_LIMITS.community }];
  }

  /** VK's file links expire, so files are kept at once; the links come from a verified event, the address check still applies. */
  async download(attachment: InboundAttachment, _context: ChannelContext, maxBytes: number): Promise<DownloadedFile> {
    const url = attachment.externalId ?? attachment.url;
    if (!url) throw ChannelError.permanent(`The attachment ${attachment.fileName} has no VK link`);
    try {
      const file = await downloadPublicFile(url, { maxBytes, timeoutMs: Math.max(this.requestTimeoutMs, 60_000), allowPrivate: this.allowPrivateAddresses });
      return { data: file.data, contentType: attachment.contentType, fileName: attachment.fileName };
    } catch (error) {
      if (error instanceof UrlNotAllowedError) throw ChannelError.permanent(`VK gave a link that may not be fetched (${error.reason})`);
      throw error;
    }
  }

  async send(message: OutboundMessage, context: ChannelContext): Promise<SendResult> {
    assertMessagesAllowed(message);
    const settings = readVkSettings(context.settings);
    const api = this.sendApi(settings);
    const peerId = peerIdOf(message);
    const parts = textParts(message);
    if (parts.length === 1 && !parts[0] && !message.attachments?.length) throw ChannelError.permanent('The message has neither text nor attachments; write a text or attach a file');
    const attachments: string[] = [];
    for (const attachment of message.attachments ?? []) {
      attachments.push(await uploadAttachment(api, peerId, attachment, { timeoutMs: this.requestTimeoutMs, allowPrivateAddresses: this.allowPrivateAddresses }));
    }
    let first: string | undefined;
    for (const [index, text] of parts.entries()) {
      const last = index === parts.length - 1;
      const sent = await this.sendPart(api, {
        peer_ids: String(peerId),
        random_id: randomIdOf(message.messageId, index),
        message: text || undefined,
        attachment: index === 0 && attachments.length ? attachments.join(',') : undefined,
        forward: index === 0 ? forwardOf(message, peerId) : undefined,
        keyboard: last ? keyboardOf(message.buttons) : undefined,
      });
      first ??= sent;
    }
    return { externalId: first! };
  }

  /** With peer_ids VK answers one item per peer, carrying that peer's conversation_message_id or its own error. */
  private async sendPart(api: VkApi, params: Record<string, string | number | undefined>): Promise<string> {
    const answer = await api.call<SentItem[] | number>('messages.send', params, { timeoutMs: this.requestTimeoutMs });
    const item = Array.isArray(answer) ? answer[0] : undefined;
    if (!item) throw ChannelError.retryable('VK answered messages.send without the sent message');
    if (item.error) throw api.redact(channelErrorOf(apiErrorOf(item.error), 'messages.send'));
    return messageExternalId(item.peer_id, item.conversation_message_id ?? item.message_id ?? 0);
  }

  private async eventsOf(updates: VkUpdate[], context: ChannelContext): Promise<InboundEvent[]> {
    const settings = readVkSettings(context.settings);
    const events = updates.flatMap((update) => eventsFromUpdate(update));
    if (!settings.accessToken || !settings.groupId) return events;
    const api = new VkApi(settings.accessToken, settings.apiBaseUrl);
    for (const update of updates) if (update.type === 'message_event') this.acknowledge(api, update.object ?? {});
    await this.names.fill(events, settings.groupId, api, this.requestTimeoutMs);
    return events;
  }

  /** Stops the spinner on the pressed callback button at once; the press is stored whether or not this works. */
  private acknowledge(api: VkApi, object: Record<string, unknown>): void {
    void api
      .call('messages.sendMessageEventAnswer', { event_id: String(object.event_id), user_id: Number(object.user_id), peer_id: Number(object.peer_id) }, { timeoutMs: this.requestTimeoutMs })
      .catch(() => undefined);
  }

  private async checkToken(api: VkApi, settings: VkChannelSettings): Promise<{ id: number; name?: string }> {
    const answer = await this.configCall<{ groups?: Array<{ id: number; name?: string }> } | Array<{ id: number; name?: string }>>(api, 'groups.getById', {}, 'The access token could not be checked', 'accessToken');
    const [group] = Array.isArray(answer) ? answer : (answer.groups ?? []);
    if (!group) throw new ChannelConfigError('VK did not say which community the token belongs to: create a community token (Manage → API usage → Access tokens)', { reasonKey: VK_REASON_KEYS.tokenInvalid, field: 'accessToken' });
    if (group.id !== settings.groupId) {
      throw new ChannelConfigError(`The access token belongs to community ${group.id}, not to ${settings.groupId}: enter that community's id or its token`, { reasonKey: 'channel.vk.token_other_group', field: 'groupId' });
    }
    return group;
  }

  private async configCall<T>(api: VkApi, method: string, params: Record<string, string | number | undefined>, refused: string, field: string): Promise<T> {
    try {
      return await api.call<T>(method, params, { timeoutMs: this.requestTimeoutMs });
    } catch (error) {
      if (!(error instanceof ChannelError)) throw new ChannelConfigError(`${refused}: ${String(error)}`);
      // A refused token is the administrator's to fix; an outage is worth another try.
      if (error.reasonKey) throw new ChannelConfigError(error.reason, { cause: error, reasonKey: error.reasonKey, field: 'accessToken' });
      if (error.kind === 'permanent') throw new ChannelConfigError(`${refused} (${error.reason})`, { cause: error, field });
      throw new ChannelConfigError(`VK could not be reached: ${error.reason}. Check apiBaseUrl or try again`, { cause: error });
    }
  }

  private configApi(settings: VkChannelSettings): VkApi {
    if (!settings.accessToken) throw new ChannelConfigError('Enter the community\'s access token', { reasonKey: VK_REASON_KEYS.tokenInvalid, field: 'accessToken' });
    if (!settings.groupId) throw new ChannelConfigError('Enter the community\'s numeric id', { field: 'groupId' });
    return new VkApi(settings.accessToken, settings.apiBaseUrl);
  }

  private sendApi(settings: VkChannelSettings): VkApi {
    if (!settings.accessToken) throw ChannelError.permanent('This VK inbox has no access token; enter a community token in its settings', { reasonKey: VK_REASON_KEYS.tokenInvalid });
    return new VkApi(settings.accessToken, settings.apiBaseUrl);
  }
}

function parsedOrNull(request: WebhookRequest): unknown {
  try {
    return JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    return null;
  }
}

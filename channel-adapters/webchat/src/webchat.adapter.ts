import {
  ChannelError,
  WebhookAuthError,
  WebhookPayloadError,
  type ChannelAdapter,
  type ChannelCapabilities,
  type ChannelContext,
  type OutboundMessage,
  type ParseResult,
  type SendResult,
  type WebhookRequest,
} from '@channel-adapters/core';
import type { WebchatTransport } from './webchat-transport.js';

/** The widget shows long texts whole; this only guards against a runaway message. */
export const WEBCHAT_MAX_TEXT_LENGTH = 20_000;

const NO_WEBHOOKS = 'A web-chat inbox receives no webhooks: the widget talks to the server over Socket.IO at /webchat';

/**
 * The website widget's channel. Visitors' messages arrive over the /webchat Socket.IO namespace
 * rather than through webhooks; agents' replies are already stored when send runs, so sending
 * only pushes them to the visitor's open widgets, and the message id is its external id.
 */
export class WebchatChannelAdapter implements ChannelAdapter {
  readonly type = 'webchat' as const;

  readonly capabilities: ChannelCapabilities = {
    maxTextLength: WEBCHAT_MAX_TEXT_LENGTH,
    // The widget shows buttons as quick answers and sends the tapped one's text back.
    buttons: true,
    media: ['image', 'video', 'audio', 'file'],
    edits: false,
    replies: false,
    typing: true,
    webhooks: false,
  };

  /** Without a transport (a process that cannot reach visitors) replies wait in the history. */
  constructor(private readonly transport?: WebchatTransport) {}

  async verify(_request: WebhookRequest, _context: ChannelContext): Promise<void> {
    throw new WebhookAuthError(NO_WEBHOOKS);
  }

  async parse(_request: WebhookRequest, _context: ChannelContext): Promise<ParseResult> {
    throw new WebhookPayloadError(NO_WEBHOOKS);
  }

  async send(message: OutboundMessage, context: ChannelContext): Promise<SendResult> {
    const { text } = message;
    if (text !== undefined && text.length > WEBCHAT_MAX_TEXT_LENGTH) {
      throw ChannelError.permanent(`The reply is longer than ${WEBCHAT_MAX_TEXT_LENGTH} characters; shorten it or split it into several messages`);
    }
    try {
      await this.transport?.deliver({
        inboxId: context.inboxId,
        visitorId: message.contact.externalId,
        message,
        sentAt: new Date(),
      });
    } catch (error) {
      throw ChannelError.retryable(`Could not reach the visitor's widget: ${(error as Error).message}`, { cause: error });
    }
    return { externalId: message.messageId };
  }
}

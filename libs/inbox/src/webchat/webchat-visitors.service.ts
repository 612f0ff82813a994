import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { InboundContact } from '@channel-adapters/core';
import { DomainException, ErrorCode } from '@app/common';
import type { Inbox } from '@app/db';
import { RealtimeService } from '@app/realtime';
import { MessagesRepository } from '../conversations/messages.repository.js';
import { InboxesService } from '../inboxes.service.js';
import { IngestionService } from '../ingestion/ingestion.service.js';
import { firstHeader, isOriginAllowed, requestOrigin } from './allowed-origin.js';
import { visitorHandshakeSchema, type ContactUpdateInput, type SendMessageInput } from './dto/visitor-events.dto.js';
import { VisitorTokens } from './visitor-tokens.js';
import type { VisitorMessage, VisitorPage, VisitorReady, WidgetConfig } from './visitor-protocol.js';
import { readWidgetSettings, toVisitorMessage, toWidgetConfig, visitorExternalId, type WidgetSettings } from './visitor-views.js';
import { WebchatVisitorTransport } from './webchat-visitor.transport.js';
import { WebchatRepository } from './webchat.repository.js';

/** How many of the latest messages a returning visitor sees. */
export const VISITOR_HISTORY_LIMIT = 200;

/** One connected widget: which inbox, which visitor, and where the page is. */
export interface VisitorSession {
  inboxId: string;
  visitorId: string;
  origin: string;
  page?: VisitorPage;
  userAgent?: string;
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * The visitor's side of web chat: who may open the widget, and what a visitor's message, contact
 * form, typing and history request do. Messages go through the same ingestion pipeline as every
 * other channel.
 */
@Injectable()
export class WebchatVisitorsService implements OnModuleInit {
  private readonly logger = new Logger('WebchatVisitors');

  constructor(
    private readonly repository: WebchatRepository,
    private readonly inboxes: InboxesService,
    private readonly ingestion: IngestionService,
    private readonly messages: MessagesRepository,
    private readonly realtime: RealtimeService,
    private readonly transport: WebchatVisitorTransport,
    @Inject(VisitorTokens) private readonly tokens: VisitorTokens,
  ) {}

  onModuleInit() {
    // Agents type in their own gateway; the visitor sees it in the widget.
    this.realtime.onAgentTyping((payload) => void this.forwardAgentTyping(payload.conversationId, payload.typing));
  }

  /** The widget's look and behaviour for a page of `origin`; a request without any origin (no browser) may read it too. */
  async widgetConfig(widgetToken: string, headers: Headers): Promise<WidgetConfig> {
    const { inbox, settings } = await this.openWidget(widgetToken, requestOrigin(headers));
    return toWidgetConfig(inbox, settings);
  }

  /** Checks a widget's handshake and names the visitor: the one their token proves, or a new one. */
  async connect(auth: unknown, headers: Headers): Promise<{ session: VisitorSession; ready: VisitorReady }> {
    const handshake = visitorHandshakeSchema.safeParse(auth ?? {});
    if (!handshake.success) throw new DomainException(ErrorCode.WidgetNotFound);
    // Browsers always say where a WebSocket handshake comes from; without it the page cannot be checked.
    const origin = requestOrigin(headers);
    if (!origin) throw new DomainException(ErrorCode.WidgetOriginNotAllowed, { params: { origin: '(no Origin header)' } });
    const { inbox, settings } = await this.openWidget(handshake.data.widgetToken, origin);
    const { visitorId, visitorToken } = this.tokens.verify(inbox.id, handshake.data.visitorToken) ?? this.tokens.issue(inbox.id);
    const known = await this.repository.findVisitor(inbox.id, visitorId);
    const userAgent = firstHeader(headers['user-agent'])?.slice(0, 500);
    return {
      session: { inboxId: inbox.id, visitorId, origin, page: handshake.data.page, userAgent },
      ready: {
        visitorToken,
        config: toWidgetConfig(inbox, settings),
        contactKnown: Boolean(known?.name.trim() && known.emails.length > 0),
      },
    };
  }

  /** Stores the visitor's message once per clientId; a resend after a reconnect answers the stored message. */
  async sendMessage(session: VisitorSession, input: SendMessageInput): Promise<VisitorMessage> {
    const inbox = await this.openInbox(session.inboxId);
    const externalId = visitorExternalId(session.visitorId, input.clientId);
    const stored = await this.ingestion.ingest(inbox, { kind: 'message', externalId, contact: this.contactOf(session), text: input.text });
    const message = await this.messages.findByExternalId(inbox.id, externalId);
    if (!message) throw new Error(`The visitor message ${externalId} was not stored`);
    if (stored) await this.repository.rememberVisitorContext(message.conversationId, this.visitorContext(session));
    return toVisitorMessage(message);
  }

  /** The contact form: fills the contact's name and e-mail through the pipeline's contact_info event. */
  async updateContact(session: VisitorSession, input: ContactUpdateInput): Promise<void> {
    const inbox = await this.openInbox(session.inboxId);
    const contact: InboundContact = { ...this.contactOf(session), name: input.name, email: input.email };
    await this.ingestion.ingest(inbox, { kind: 'contact_info', externalId: `${session.visitorId}:contact`, contact });
  }

  /** Shows agents who have the conversation open that the visitor is typing. */
  async typing(session: VisitorSession, typing: boolean): Promise<void> {
    const conversationId = await this.repository.activeConversationId(session.inboxId, session.visitorId);
    if (!conversationId) return;
    this.realtime.emitMomentary('typing', { conversationId, contact: true, typing }, { conversationId });
  }

  async history(session: VisitorSession): Promise<VisitorMessage[]> {
    const visitor = await this.repository.findVisitor(session.inboxId, session.visitorId);
    if (!visitor) return [];
    const thread = await this.repository.visitorThread(visitor.identityId, VISITOR_HISTORY_LIMIT);
    const attachments = await this.messages.attachmentsOf(thread.map((m) => m.id));
    return thread.map((message) => toVisitorMessage(message, attachments.get(message.id)));
  }

  /** The widget the demo page embeds: the oldest enabled web-chat inbox, if there is one. */
  async firstEnabledWidget(): Promise<{ name: string; widgetToken: string; allowedOrigins: string[] } | null> {
    const inbox = await this.repository.firstEnabledInbox();
    const widgetToken = inbox?.settings.widgetToken;
    if (!inbox || typeof widgetToken !== 'string') return null;
    return { name: inbox.name, widgetToken, allowedOrigins: readWidgetSettings(inbox.settings).allowedOrigins };
  }

  /** Refuses an unknown token, a switched-off inbox, and a page whose origin (when known) the inbox does not allow. */
  private async openWidget(widgetToken: string, origin: string | null): Promise<{ inbox: Inbox; settings: WidgetSettings }> {
    const inbox = await this.repository.findInboxByWidgetToken(widgetToken);
    if (!inbox) throw new DomainException(ErrorCode.WidgetNotFound);
    if (!inbox.enabled) throw new DomainException(ErrorCode.InboxDisabled, { params: { id: inbox.id } });
    const settings = readWidgetSettings(inbox.settings);
    if (origin && !isOriginAllowed(origin, settings.allowedOrigins)) {
      throw new DomainException(ErrorCode.WidgetOriginNotAllowed, { params: { origin }, details: { origin } });
    }
    return { inbox, settings };
  }

  /** Switching an inbox off stops its open widgets at their next message. */
  private async openInbox(inboxId: string): Promise<Inbox> {
    const inbox = await this.inboxes.findOrThrow(inboxId);
    if (!inbox.enabled) throw new DomainException(ErrorCode.InboxDisabled, { params: { id: inbox.id } });
    return inbox;
  }

  private contactOf(session: VisitorSession): InboundContact {
    const language = session.page?.language?.split('-')[0].toLowerCase();
    return { externalId: session.visitorId, locale: language || undefined };
  }

  private visitorContext(session: VisitorSession): Record<string, unknown> {
    const { page } = session;
    return {
      pageUrl: page?.url ?? null,
      referrer: page?.referrer ?? null,
      language: page?.language ?? null,
      timeZone: page?.timeZone ?? null,
      origin: session.origin,
      userAgent: session.userAgent ?? null,
    };
  }

  private async forwardAgentTyping(conversationId: string, typing: boolean) {
    try {
      const visitor = await this.repository.visitorOfConversation(conversationId);
      if (visitor) this.transport.typing(visitor.inboxId, visitor.visitorId, typing);
    } catch (error) {
      this.logger.warn(`Could not show typing in conversation ${conversationId}: ${(error as Error).message}`);
    }
  }
}

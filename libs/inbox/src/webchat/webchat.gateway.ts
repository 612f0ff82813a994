import { randomUUID } from 'node:crypto';
import { Inject, Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayConnection, type OnGatewayInit } from '@nestjs/websockets';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import { DomainException, ErrorCode } from '@app/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { isConnectionError } from '@app/db';
import { localeFromAcceptLanguage, t, type Locale, type MessageKey } from '@app/i18n';
import { firstHeader } from './allowed-origin.js';
import { contactUpdateSchema, sendMessageSchema, typingSchema } from './dto/visitor-events.dto.js';
import { visitorRoom, type VisitorAck, type VisitorError, type VisitorErrorCode, type VisitorMessage, type VisitorReady } from './visitor-protocol.js';
import { WebchatVisitorTransport } from './webchat-visitor.transport.js';
import { WebchatVisitorsService, type VisitorSession } from './webchat-visitors.service.js';

interface VisitorSocketData {
  session: VisitorSession;
  ready: VisitorReady;
  locale: Locale;
}

type VisitorSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, VisitorSocketData>;

const REFUSALS: readonly VisitorErrorCode[] = ['widget_not_found', 'inbox_disabled', 'widget_origin_not_allowed'];

class VisitorInputError extends Error {
  constructor(readonly errors: Array<{ field: string; message: string }>) {
    super('The event is invalid');
  }
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new VisitorInputError(result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })));
  return result.data;
}

/**
 * /webchat: visitors' widgets. The handshake is checked before the connection is accepted (widget
 * token, inbox switched on, the page's origin allowed), so a refused widget gets `connect_error`
 * with the reason in `data` and never joins a room. Each accepted socket joins its visitor's room,
 * which every tab of that visitor shares.
 */
@WebSocketGateway({ namespace: '/webchat', cors: { origin: true, credentials: false } })
export class WebchatGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('WebchatGateway');

  constructor(
    private readonly visitors: WebchatVisitorsService,
    private readonly transport: WebchatVisitorTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(namespace: Namespace) {
    this.transport.attach(namespace);
    namespace.use((socket, next) => {
      const locale = localeFromAcceptLanguage(firstHeader(socket.handshake.headers['accept-language']), this.config.DEFAULT_LOCALE);
      this.visitors.connect(socket.handshake.auth, socket.handshake.headers).then(
        ({ session, ready }) => {
          socket.data = { session, ready, locale } satisfies VisitorSocketData;
          next();
        },
        (error: unknown) => {
          const refusal = this.toVisitorError(error, locale);
          next(Object.assign(new Error(refusal.message), { data: refusal }));
        },
      );
    });
  }

  async handleConnection(socket: VisitorSocket) {
    const { session, ready } = socket.data ?? {};
    if (!session) {
      socket.disconnect(true);
      return;
    }
    await socket.join(visitorRoom(session.inboxId, session.visitorId));
    socket.emit('ready', ready);
  }

  @SubscribeMessage('message.send')
  sendMessage(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: unknown): Promise<VisitorAck<{ message: VisitorMessage }>> {
    return this.answer(socket, async (session) => {
      const message = await this.visitors.sendMessage(session, parse(sendMessageSchema, body));
      // The visitor's other tabs show it too.
      socket.to(visitorRoom(session.inboxId, session.visitorId)).emit('message', message);
      return { message };
    });
  }

  @SubscribeMessage('contact.update')
  updateContact(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: unknown): Promise<VisitorAck> {
    return this.answer(socket, async (session) => {
      await this.visitors.updateContact(session, parse(contactUpdateSchema, body));
      return {};
    });
  }

  @SubscribeMessage('typing')
  typing(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: unknown): Promise<VisitorAck> {
    return this.answer(socket, async (session) => {
      await this.visitors.typing(session, parse(typingSchema, body).typing);
      return {};
    });
  }

  @SubscribeMessage('history')
  history(@ConnectedSocket() socket: VisitorSocket): Promise<VisitorAck<{ messages: VisitorMessage[] }>> {
    return this.answer(socket, async (session) => ({ messages: await this.visitors.history(session) }));
  }

  /** Every emit is acknowledged, with the result or with a reason the widget can act on. */
  private async answer<T extends object>(socket: VisitorSocket, work: (session: VisitorSession) => Promise<T>): Promise<VisitorAck<T>> {
    const { session, locale } = socket.data;
    try {
      return { ok: true, ...(await work(session)) };
    } catch (error) {
      return { ok: false, error: this.toVisitorError(error, locale) };
    }
  }

  private toVisitorError(error: unknown, locale: Locale): VisitorError {
    if (error instanceof VisitorInputError) {
      return { code: 'validation_failed', message: t('errors.validation_failed', {}, locale), errors: error.errors };
    }
    if (error instanceof DomainException && REFUSALS.includes(error.code as VisitorErrorCode)) {
      return { code: error.code as VisitorErrorCode, message: t(`errors.${error.code}` as MessageKey, error.options.params, locale) };
    }
    // The inbox was deleted while the widget was open.
    if (error instanceof DomainException && error.code === ErrorCode.NotFound) return { code: 'widget_not_found', message: t('errors.widget_not_found', {}, locale) };
    if (isConnectionError(error)) return { code: 'service_unavailable', message: t('errors.service_unavailable', {}, locale) };
    const requestId = randomUUID();
    this.logger.error(`Web chat event failed (${requestId}): ${(error as Error)?.message}`, (error as Error)?.stack);
    return { code: 'internal_error', message: t('errors.internal_error', { requestId }, locale) };
  }
}

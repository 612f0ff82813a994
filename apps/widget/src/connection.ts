import { io, type Socket } from 'socket.io-client';
import { REFUSAL_CODES, type VisitorAck, type VisitorError, type VisitorMessage, type VisitorPage, type VisitorReady } from './protocol.js';

const ACK_TIMEOUT_MS = 10_000;
const HANDSHAKE_RETRY_MS = 5000;

export interface ConnectionHandlers {
  ready(ready: VisitorReady): void;
  /** Lost or not yet made; Socket.IO keeps trying. */
  connecting(): void;
  /** The server refused the widget (unknown token, inbox off, origin not allowed); no more attempts. */
  refused(error: VisitorError): void;
  message(message: VisitorMessage): void;
  typing(typing: boolean): void;
}

export interface ConnectionOptions {
  serverUrl: string;
  widgetToken: string;
  /** Read at every (re)connect, so a reconnect presents the token the first connect issued. */
  visitorToken(): string | null;
  page: VisitorPage;
}

/** The widget's Socket.IO connection to /webchat: handshake, reconnects, and emits that always settle. */
export class Connection {
  private readonly socket: Socket;

  constructor(options: ConnectionOptions, handlers: ConnectionHandlers) {
    this.socket = io(`${options.serverUrl}/webchat`, {
      auth: (cb) => cb({ widgetToken: options.widgetToken, visitorToken: options.visitorToken() ?? undefined, page: options.page }),
      transports: ['websocket', 'polling'],
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      autoConnect: false,
    });
    this.socket.on('ready', handlers.ready);
    this.socket.on('message', handlers.message);
    this.socket.on('typing', (payload: { typing?: boolean }) => handlers.typing(Boolean(payload?.typing)));
    this.socket.on('disconnect', () => handlers.connecting());
    this.socket.on('connect_error', (error: Error & { data?: VisitorError }) => {
      // A refusal from the server's handshake check ends the attempts; anything else is retried.
      if (error.data && REFUSAL_CODES.includes(error.data.code)) return handlers.refused(error.data);
      handlers.connecting();
      // The server answered but could not check the widget (its database was down, say): Socket.IO
      // does not retry an answered handshake by itself.
      if (!this.socket.active) setTimeout(() => this.connect(), HANDSHAKE_RETRY_MS);
    });
  }

  connect() {
    if (!this.socket.active) this.socket.connect();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Resolves with the server's answer, or with a `retry` marker when offline or without an answer in time. */
  request<T extends object>(event: string, payload: object): Promise<VisitorAck<T> | 'retry'> {
    if (!this.socket.connected) return Promise.resolve('retry');
    return this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck(event, payload)
      .then(
        (answer: VisitorAck<T>) => answer,
        () => 'retry' as const,
      );
  }

  /** Typing indicators are best effort: no answer awaited. */
  notify(event: string, payload: object) {
    if (this.socket.connected) this.socket.volatile.emit(event, payload);
  }
}

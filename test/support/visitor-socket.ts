import { io, type Socket } from 'socket.io-client';
import type { VisitorAck, VisitorError, VisitorMessage, VisitorReady } from '@app/inbox';

export interface VisitorOptions {
  widgetToken: string;
  visitorToken?: string;
  /** The page's origin as the browser would send it; left out when undefined. */
  origin?: string;
  page?: { url?: string; referrer?: string; language?: string; timeZone?: string };
}

export interface VisitorClient {
  socket: Socket;
  ready: VisitorReady;
  /** Every `message` event received, in order. */
  messages: VisitorMessage[];
  /** Every `typing` event received, in order. */
  typing: boolean[];
  /** Resolves with the first message (received already or later) that matches; rejects after timeoutMs. */
  waitForMessage(match: (message: VisitorMessage) => boolean, timeoutMs?: number): Promise<VisitorMessage>;
  waitForTyping(typing: boolean, timeoutMs?: number): Promise<void>;
  request<T extends object = object>(event: string, payload?: unknown): Promise<VisitorAck<T>>;
  close(): void;
}

function open(baseUrl: string, options: VisitorOptions): Socket {
  return io(`${baseUrl}/webchat`, {
    auth: { widgetToken: options.widgetToken, visitorToken: options.visitorToken, page: options.page },
    extraHeaders: options.origin ? { origin: options.origin } : {},
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** A visitor's widget in a test: connects to /webchat, records what arrives and waits on it without sleeping. */
export function connectVisitor(baseUrl: string, options: VisitorOptions): Promise<VisitorClient> {
  const socket = open(baseUrl, options);
  const messages: VisitorMessage[] = [];
  const typing: boolean[] = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  socket.on('message', (message: VisitorMessage) => (messages.push(message), notify()));
  socket.on('typing', (payload: { typing: boolean }) => (typing.push(payload.typing), notify()));

  const waitUntil = <T>(find: () => T | undefined, what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`No ${what} within ${timeoutMs} ms; messages: ${JSON.stringify(messages)}, typing: ${JSON.stringify(typing)}`));
      }, timeoutMs);
      timer.unref();
      listeners.add(check);
      check();
    });

  return new Promise((resolve, reject) => {
    socket.once('connect_error', (error: Error & { data?: VisitorError }) => reject(Object.assign(new Error(error.message), { data: error.data })));
    socket.once('ready', (ready: VisitorReady) =>
      resolve({
        socket,
        ready,
        messages,
        typing,
        waitForMessage: (match, timeoutMs = 10_000) => waitUntil(() => messages.find(match), 'matching message', timeoutMs),
        waitForTyping: (value, timeoutMs = 10_000) => waitUntil(() => (typing.includes(value) ? true : undefined), `typing ${value}`, timeoutMs).then(() => undefined),
        request: (event, payload = {}) => socket.timeout(10_000).emitWithAck(event, payload),
        close: () => void socket.close(),
      }),
    );
  });
}

/** Answers why the server refused the handshake; fails when it accepted it. */
export function visitorRefusal(baseUrl: string, options: VisitorOptions): Promise<VisitorError> {
  const socket = open(baseUrl, options);
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (error: Error & { data?: VisitorError }) => {
      socket.close();
      if (error.data) resolve(error.data);
      else reject(error);
    });
    socket.once('ready', () => {
      socket.close();
      reject(new Error('The handshake was accepted'));
    });
  });
}

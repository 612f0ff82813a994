import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Bot API call as the fake received it; params merge the query string, JSON, form and multipart fields. */
export interface BotApiCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
  /** Files uploaded in a multipart request, by field name. */
  files: Record<string, { fileName: string; size: number }>;
  /** When the call arrived (epoch ms). */
  at: number;
}

export interface BotApiError {
  /** The HTTP status and error_code, e.g. 429, 403, 400. */
  errorCode: number;
  description?: string;
  /** Seconds, answered as parameters.retry_after (Telegram's flood control). */
  retryAfter?: number;
}

export interface FakeBotFile {
  data: Buffer;
  /** Overrides the size reported by getFile (to fake a file too big to download). */
  reportedSize?: number;
}

export interface FakeTelegramBotApiOptions {
  /** The tokens the fake accepts; others answer 401 Unauthorized like Telegram. */
  tokens?: string[];
  /** How long an empty getUpdates is held at most, whatever timeout the client asks for. */
  maxHoldMs?: number;
  /**
   * Telegram's flood control on sends: beyond these rates a send answers 429 with retry_after, as the
   * real API does. Windows are shortened by toleranceMs (default 100) for the jitter of a loopback call.
   */
  floodControl?: { perBotPerSecond: number; perChatPerSecond: number; toleranceMs?: number };
}

export interface FakeTelegramBotApi {
  /** The apiRoot to give the adapter: `http://127.0.0.1:<port>`. */
  url: string;
  /** The first accepted token. */
  token: string;
  bot: { id: number; is_bot: true; first_name: string; username: string };
  /** Every call, in order. */
  calls: BotApiCall[];
  callsOf(method: string): BotApiCall[];
  /** Resolves with the first call (received already or later) of the method that matches. */
  waitForCall(method: string, match?: (call: BotApiCall) => boolean, timeoutMs?: number): Promise<BotApiCall>;
  /** Queues updates for getUpdates (update_id filled in when missing or 0); answers them with their ids. */
  queueUpdate(...updates: Array<Record<string, unknown>>): Array<Record<string, unknown>>;
  /** Updates queued and not yet confirmed by a later offset. */
  pendingUpdates(): Array<Record<string, unknown>>;
  /** Makes the next call of the method fail with this Bot API error (queued in order). */
  failNext(method: string, error: BotApiError): void;
  /** Makes a file downloadable through getFile and /file/bot<token>/<path>. */
  addFile(fileId: string, file: FakeBotFile): void;
  /** Sends answered 429 by flood control. */
  floodErrors: number;
  /** The webhook registered with setWebhook, or null. */
  webhook: { url: string; secret_token?: string; allowed_updates?: string[] } | null;
  close(): Promise<void>;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: chat not found',
  401: 'Unauthorized',
  403: 'Forbidden: bot was blocked by the user',
  404: 'Not Found',
  409: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  429: 'Too Many Requests: retry after 1',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

const SEND_METHODS = ['sendMessage', 'sendPhoto', 'sendDocument', 'sendVideo', 'sendAudio', 'sendVoice'];

/**
 * A Telegram Bot API server on 127.0.0.1 that answers `/bot<token>/<method>` with Telegram's real
 * response shapes ({ok, result} or {ok: false, error_code, description, parameters}), records every
 * call, long-polls getUpdates from a queue and serves files at /file/bot<token>/<path>.
 */
export async function startFakeTelegramBotApi(options: FakeTelegramBotApiOptions = {}): Promise<FakeTelegramBotApi> {
  const tokens = options.tokens ?? ['123456789:AAF-fake-telegram-token_0123456789abcdef'];
  const maxHoldMs = options.maxHoldMs ?? 1_000;
  const bot = { id: Number(tokens[0].split(':')[0]), is_bot: true as const, first_name: 'Магазин Бот', username: 'shop_test_bot' };
  const calls: BotApiCall[] = [];
  const callWaiters: Array<{ method: string; match: (call: BotApiCall) => boolean; resolve: (call: BotApiCall) => void }> = [];
  const failures = new Map<string, BotApiError[]>();
  const files = new Map<string, FakeBotFile & { path: string }>();
  let updates: Array<Record<string, unknown>> = [];
  let nextUpdateId = 700_000_001;
  let nextMessageId = 1;
  const heldPolls = new Set<() => void>();

  const fake: FakeTelegramBotApi = {
    url: '',
    token: tokens[0],
    bot,
    calls,
    floodErrors: 0,
    webhook: null,
    callsOf: (method) => calls.filter((call) => call.method === method),
    waitForCall(method, match = () => true, timeoutMs = 10_000) {
      const found = calls.find((call) => call.method === method && match(call));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { method, match, resolve };
        callWaiters.push(waiter);
        setTimeout(() => {
          if (!callWaiters.includes(waiter)) return;
          callWaiters.splice(callWaiters.indexOf(waiter), 1);
          reject(new Error(`No ${method} call within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ') || 'none'}`));
        }, timeoutMs).unref();
      });
    },
    queueUpdate(...queued) {
      const withIds = queued.map((update) => ({ ...update, update_id: update.update_id || nextUpdateId++ }));
      updates.push(...withIds);
      for (const wake of [...heldPolls]) wake();
      return withIds;
    },
    pendingUpdates: () => [...updates],
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    addFile(fileId, file) {
      files.set(fileId, { ...file, path: `documents/file_${files.size + 1}` });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const wake of [...heldPolls]) wake();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };

  const record = (call: BotApiCall) => {
    calls.push(call);
    for (const waiter of [...callWaiters]) {
      if (waiter.method !== call.method || !waiter.match(call)) continue;
      callWaiters.splice(callWaiters.indexOf(waiter), 1);
      waiter.resolve(call);
    }
  };

  const methods: Record<string, (call: BotApiCall, req: IncomingMessage) => unknown> = {
    getMe: () => bot,
    setWebhook: ({ params }) => {
      fake.webhook = { url: String(params.url), secret_token: params.secret_token as string | undefined, allowed_updates: params.allowed_updates as string[] | undefined };
      return true;
    },
    deleteWebhook: () => {
      fake.webhook = null;
      return true;
    },
    getWebhookInfo: () => ({ url: fake.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: updates.length }),
    answerCallbackQuery: () => true,
    getFile: ({ params }) => {
      const file = files.get(String(params.file_id));
      if (!file) throw apiError({ errorCode: 400, description: 'Bad Request: invalid file_id' });
      const size = file.reportedSize ?? file.data.length;
      if (size > 20 * 1024 * 1024) throw apiError({ errorCode: 400, description: 'Bad Request: file is too big' });
      return { file_id: params.file_id, file_unique_id: `u-${params.file_id}`, file_size: size, file_path: file.path };
    },
  };
  for (const method of SEND_METHODS) {
    methods[method] = ({ params }) => sentMessage(params, nextMessageId++);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => answer(res, 500, { ok: false, error_code: 500, description: String(error) }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) return serveFile(res, fileMatch[1], decodeURIComponent(fileMatch[2]));
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match;
    const { params, files: uploaded } = readParams(req, url, body);
    const call: BotApiCall = { method, token, params, files: uploaded, at: Date.now() };
    record(call);
    if (!tokens.includes(token)) return answer(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const failure = failures.get(method)?.shift();
    if (failure) return answer(res, failure.errorCode, errorBody(failure));
    if (SEND_METHODS.includes(method) && options.floodControl && flooded(String(params.chat_id), call.at)) {
      fake.floodErrors++;
      return answer(res, 429, errorBody({ errorCode: 429, retryAfter: 1 }));
    }
    if (method === 'getUpdates') return answerUpdates(res, params);
    const handler = methods[method];
    if (!handler) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    try {
      answer(res, 200, { ok: true, result: handler(call, req) });
    } catch (error) {
      if (error instanceof FakeApiError) return answer(res, error.failure.errorCode, errorBody(error.failure));
      throw error;
    }
  }

  const acceptedSends: Array<{ chatId: string; at: number }> = [];
  function flooded(chatId: string, at: number): boolean {
    const { perBotPerSecond, perChatPerSecond, toleranceMs = 100 } = options.floodControl!;
    const since = at - (1_000 - toleranceMs);
    while (acceptedSends.length && acceptedSends[0].at <= at - 1_000) acceptedSends.shift();
    const recent = acceptedSends.filter((send) => send.at > since);
    if (recent.length >= perBotPerSecond || recent.filter((send) => send.chatId === chatId).length >= perChatPerSecond) return true;
    acceptedSends.push({ chatId, at });
    return false;
  }

  async function answerUpdates(res: ServerResponse, params: Record<string, unknown>) {
    if (fake.webhook) {
      return answer(res, 409, { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" });
    }
    const offset = Number(params.offset ?? 0);
    // Like Telegram: asking from an offset confirms every earlier update, which is then gone for good.
    if (offset) updates = updates.filter((update) => Number(update.update_id) >= offset);
    const limit = Number(params.limit ?? 100);
    if (!updates.length) {
      const holdMs = Math.min(Number(params.timeout ?? 0) * 1000, maxHoldMs);
      if (holdMs > 0) await holdUntilUpdate(res, holdMs);
    }
    if (res.destroyed) return;
    answer(res, 200, { ok: true, result: updates.slice(0, limit) });
  }

  function holdUntilUpdate(res: ServerResponse, holdMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        heldPolls.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, holdMs);
      heldPolls.add(wake);
      // The client gave up (aborted its long poll): stop holding.
      res.once('close', wake);
    });
  }

  function serveFile(res: ServerResponse, token: string, path: string) {
    const file = [...files.values()].find((f) => f.path === path);
    if (!tokens.includes(token) || !file) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.data.length) });
    res.end(file.data);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

class FakeApiError extends Error {
  constructor(readonly failure: BotApiError) {
    super(failure.description);
  }
}

const apiError = (failure: BotApiError) => new FakeApiError(failure);

function errorBody(failure: BotApiError) {
  return {
    ok: false,
    error_code: failure.errorCode,
    description: failure.description ?? DESCRIPTIONS[failure.errorCode] ?? 'Error',
    ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}),
  };
}

function answer(res: ServerResponse, status: number, body: unknown) {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The Message Telegram answers for a send method, with the chat the message went to. */
function sentMessage(params: Record<string, unknown>, messageId: number) {
  const chatId = Number(params.chat_id);
  const chat = Number.isNaN(chatId) ? { id: String(params.chat_id), type: 'channel' } : chatId < 0 ? { id: chatId, type: 'supergroup', title: 'Group' } : { id: chatId, type: 'private', first_name: 'Customer' };
  return { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, ...(typeof params.text === 'string' ? { text: params.text } : {}) };
}

function readParams(req: IncomingMessage, url: URL, body: Buffer): { params: Record<string, unknown>; files: BotApiCall['files'] } {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files: BotApiCall['files'] = {};
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json') && body.length) Object.assign(params, JSON.parse(body.toString('utf8')));
  else if (type.startsWith('application/x-www-form-urlencoded')) Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  else if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(.+)$/.exec(type)?.[1];
    if (boundary) for (const part of multipartParts(body, boundary)) {
      if (part.fileName !== undefined) files[part.name] = { fileName: part.fileName, size: part.body.length };
      else params[part.name] = jsonOrText(part.body.toString('utf8'));
    }
  }
  return { params, files };
}

/** Form fields such as reply_markup arrive as JSON text; numbers and plain strings stay as they are. */
function jsonOrText(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function multipartParts(body: Buffer, boundary: string): Array<{ name: string; fileName?: string; body: Buffer }> {
  const parts: Array<{ name: string; fileName?: string; body: Buffer }> = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const raw = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = raw.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/.exec(headers)?.[1];
      const fileName = /filename="([^"]*)"/.exec(headers)?.[1];
      if (name) parts.push({ name, fileName, body: raw.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}

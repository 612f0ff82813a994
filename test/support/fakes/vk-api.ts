import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One API call as the fake received it: the form fields (and query string) without access_token and v. */
export interface VkApiCall {
  method: string;
  token: string;
  version: string;
  params: Record<string, string>;
  at: number;
}

/** What the next call of a method answers instead: a VK error, or an HTTP failure in front of the API. */
export type VkApiFailure = { code: number; message?: string } | { httpStatus: number; headers?: Record<string, string> };

export interface VkSentMessage {
  peerId: number;
  randomId: number;
  messageId: number;
  conversationMessageId: number;
  text: string;
  attachment?: string;
  keyboard?: string;
  forward?: string;
}

export interface FakeVkUser {
  id: number;
  first_name: string;
  last_name: string;
}

export interface FakeVkApiOptions {
  groupId?: number;
  groupName?: string;
  /** The community tokens the fake accepts (the first is `token`); others get error 5. */
  tokens?: string[];
  /** How long an empty long-poll request is held at most, whatever wait the client asks for. */
  maxHoldMs?: number;
}

export interface FakeVkApi {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The apiBaseUrl to give the adapter: `${url}/method`. */
  apiBaseUrl: string;
  /** The first accepted token. */
  token: string;
  groupId: number;
  confirmationCode: string;
  calls: VkApiCall[];
  callsOf(method: string): VkApiCall[];
  waitForCall(method: string, match?: (call: VkApiCall) => boolean, timeoutMs?: number): Promise<VkApiCall>;
  addUser(user: FakeVkUser): void;
  /** The person forbids (or allows again) messages from the community: messages.send answers error 901 meanwhile. */
  setMessagesDenied(userId: number, denied: boolean): void;
  failNext(method: string, failure: VkApiFailure): void;
  /** Messages delivered by messages.send, one per distinct (peer, random_id). */
  sent: VkSentMessage[];
  /** Files received by the upload server. */
  uploads: Array<{ kind: 'photo' | 'doc'; fileName: string; contentType: string; size: number }>;
  /** Serves bytes at `${url}/files/<name>`, as VK's CDN serves photos, documents and voice messages. */
  addFile(name: string, data: Buffer): string;
  /** Queues events for Bots Long Poll (event_id and group_id filled in when missing). */
  pushLongPoll(...updates: Array<Record<string, unknown>>): void;
  /** Makes the next long-poll request answer failed=1 (with a newer ts), 2 (key expired) or 3 (all lost). */
  failLongPollNext(failed: 1 | 2 | 3): void;
  /** The long-poll keys handed out so far, newest last. */
  longPollKeys: string[];
  /** Every request the long-poll server received, with the key and ts it carried. */
  longPollRequests: Array<{ key: string; ts: string }>;
  close(): Promise<void>;
}

const ERROR_MESSAGES: Record<number, string> = {
  1: 'Unknown error occurred',
  5: 'User authorization failed: invalid access_token (4).',
  6: 'Too many requests per second',
  7: 'Permission to perform this action is denied',
  9: 'Flood control',
  10: 'Internal server error',
  15: 'Access denied',
  29: 'Rate limit reached',
  100: 'One of the parameters specified was missing or invalid',
  901: "Can't send messages for users without permission",
  917: "You don't have access to this chat",
};

/**
 * The VK API as a community token sees it, on 127.0.0.1: POST /method/<name> with form-encoded
 * access_token and v, answered with {response} or {error: {error_code, error_msg, request_params}};
 * plus the Bots Long Poll server it hands out (GET ?act=a_check&key&ts&wait) and an upload server
 * for photos and documents. Unknown tokens get error 5, like VK.
 */
export async function startFakeVkApi(options: FakeVkApiOptions = {}): Promise<FakeVkApi> {
  const groupId = options.groupId ?? 218_000_001;
  const tokens = options.tokens ?? ['vk1.a.fake-community-token_0123456789abcdef'];
  const [token] = tokens;
  const maxHoldMs = options.maxHoldMs ?? 500;
  const confirmationCode = 'a1b2c3d4';
  const calls: VkApiCall[] = [];
  const failures = new Map<string, VkApiFailure[]>();
  const users = new Map<number, FakeVkUser>();
  const denied = new Set<number>();
  const sent: VkSentMessage[] = [];
  const uploads: FakeVkApi['uploads'] = [];
  const files = new Map<string, Buffer>();
  const cmids = new Map<number, number>();
  const events: Array<Record<string, unknown>> = [];
  const longPollFailures: Array<1 | 2 | 3> = [];
  const longPollKeys: string[] = [];
  const longPollRequests: FakeVkApi['longPollRequests'] = [];
  const waiters = new Set<() => void>();
  let messageId = 1000;
  let eventCounter = 0;
  let uploadCounter = 0;

  const notify = () => {
    for (const waiter of waiters) waiter();
  };

  const methods: Record<string, (params: Record<string, string>) => unknown> = {
    'groups.getById': () => ({ groups: [{ id: groupId, name: options.groupName ?? 'Магазин «Ёлка»', screen_name: `club${groupId}`, type: 'group' }], profiles: [] }),
    'groups.getCallbackConfirmationCode': () => ({ code: confirmationCode }),
    'groups.getLongPollServer': () => {
      const key = `key-${longPollKeys.length + 1}`;
      longPollKeys.push(key);
      return { key, server: `${base}/lp/${groupId}`, ts: String(events.length) };
    },
    'users.get': (params) =>
      params.user_ids
        .split(',')
        .map(Number)
        .filter((id) => users.has(id))
        .map((id) => ({ ...users.get(id), can_access_closed: true, is_closed: false })),
    'messages.send': (params) => send(params),
    'messages.sendMessageEventAnswer': () => 1,
    'photos.getMessagesUploadServer': () => ({ upload_url: `${base}/upload/photo?server=7`, album_id: -64, group_id: groupId }),
    'photos.saveMessagesPhoto': (params) => {
      const [photo] = JSON.parse(params.photo) as Array<{ id: number }>;
      return [{ id: photo.id, owner_id: -groupId, access_key: `ak${photo.id}`, sizes: [] }];
    },
    'docs.getMessagesUploadServer': () => ({ upload_url: `${base}/upload/doc?server=8` }),
    'docs.save': (params) => {
      const { id } = JSON.parse(Buffer.from(params.file, 'base64url').toString()) as { id: number };
      return { type: 'doc', doc: { id, owner_id: -groupId, title: params.title, access_key: `dk${id}` } };
    },
  };

  function send(params: Record<string, string>) {
    const peers = (params.peer_ids ?? params.peer_id ?? '').split(',').filter(Boolean).map(Number);
    if (!peers.length) throw vkError(100, 'One of the parameters specified was missing or invalid: peer_id is undefined');
    if (!params.random_id) throw vkError(100, 'One of the parameters specified was missing or invalid: random_id is a required parameter');
    if (!params.message && !params.attachment) throw vkError(100, 'One of the parameters specified was missing or invalid: message is empty or invalid');
    const randomId = Number(params.random_id);
    const items = peers.map((peerId) => {
      if (denied.has(peerId)) return { peer_id: peerId, error: { code: 901, description: ERROR_MESSAGES[901] } };
      // VK drops a message whose random_id it has seen for this peer and answers the earlier one.
      const earlier = sent.find((m) => m.peerId === peerId && m.randomId === randomId);
      if (earlier) return { peer_id: peerId, message_id: earlier.messageId, conversation_message_id: earlier.conversationMessageId };
      const conversationMessageId = (cmids.get(peerId) ?? 0) + 1;
      cmids.set(peerId, conversationMessageId);
      const message = { peerId, randomId, messageId: ++messageId, conversationMessageId, text: params.message ?? '', attachment: params.attachment, keyboard: params.keyboard, forward: params.forward };
      sent.push(message);
      return { peer_id: peerId, message_id: message.messageId, conversation_message_id: conversationMessageId };
    });
    if (params.peer_ids) return items;
    const [item] = items;
    if ('error' in item && item.error) throw vkError(item.error.code);
    return item.message_id;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void route(req, res, Buffer.concat(chunks)).catch((error) => answer(res, 500, { error: String(error) })));
  });

  async function route(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname.startsWith('/method/')) return apiCall(req, res, url, body);
    if (url.pathname === `/lp/${groupId}`) return longPoll(req, res, url);
    if (url.pathname.startsWith('/upload/')) return upload(req, res, url, body);
    if (url.pathname.startsWith('/files/')) {
      const file = files.get(decodeURIComponent(url.pathname.slice('/files/'.length)));
      if (!file) return answer(res, 404, 'Not Found');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.length) });
      return res.end(file);
    }
    answer(res, 404, 'Not Found');
  }

  function apiCall(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) {
    const method = url.pathname.slice('/method/'.length);
    const form = new URLSearchParams(body.toString('utf8'));
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    for (const [name, value] of form) params[name] = value;
    const { access_token: callToken = '', v: version = '', ...rest } = params;
    calls.push({ method, token: callToken, version, params: rest, at: Date.now() });
    notify();
    const requestParams = [
      { key: 'method', value: method },
      { key: 'v', value: version },
    ];
    const failure = failures.get(method)?.shift();
    if (failure && 'httpStatus' in failure) return answer(res, failure.httpStatus, '<html><body>Too Many Requests</body></html>', failure.headers);
    if (failure) return answer(res, 200, { error: { error_code: failure.code, error_msg: failure.message ?? ERROR_MESSAGES[failure.code] ?? 'Error', request_params: requestParams } });
    if (!tokens.includes(callToken)) return answer(res, 200, { error: { error_code: 5, error_msg: ERROR_MESSAGES[5], request_params: requestParams } });
    if (!version) return answer(res, 200, { error: { error_code: 8, error_msg: 'Invalid request: v (version) is required', request_params: requestParams } });
    const handler = methods[method];
    if (!handler) return answer(res, 200, { error: { error_code: 3, error_msg: 'Unknown method passed', request_params: requestParams } });
    try {
      answer(res, 200, { response: handler(rest) });
    } catch (error) {
      if (!(error instanceof VkFakeError)) throw error;
      answer(res, 200, { error: { error_code: error.code, error_msg: error.message, request_params: requestParams } });
    }
  }

  async function longPoll(req: IncomingMessage, res: ServerResponse, url: URL) {
    const key = url.searchParams.get('key') ?? '';
    const ts = url.searchParams.get('ts') ?? '';
    longPollRequests.push({ key, ts });
    notify();
    const failed = longPollFailures.shift();
    if (failed === 1) return answer(res, 200, { failed: 1, ts: String(events.length) });
    if (failed) return answer(res, 200, { failed });
    if (key !== longPollKeys[longPollKeys.length - 1]) return answer(res, 200, { failed: 2 });
    const from = Number(ts);
    if (!Number.isInteger(from) || from > events.length) return answer(res, 200, { failed: 1, ts: String(events.length) });
    const waitMs = Math.min(Number(url.searchParams.get('wait') ?? 25) * 1000, maxHoldMs);
    const deadline = Date.now() + waitMs;
    while (events.length === from && Date.now() < deadline && !res.destroyed) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, deadline - Date.now());
        waiters.add(wake);
      });
    }
    answer(res, 200, { ts: String(events.length), updates: events.slice(from) });
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) {
    const form = await new Response(body, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
    const kind = url.pathname === '/upload/photo' ? 'photo' : 'doc';
    const file = form.get(kind === 'photo' ? 'photo' : 'file');
    if (!(file instanceof File)) return answer(res, 200, kind === 'photo' ? { server: 7, photo: '[]', hash: '' } : { error: 'no file' });
    uploads.push({ kind, fileName: file.name, contentType: file.type, size: file.size });
    const id = 457_000 + ++uploadCounter;
    if (kind === 'photo') return answer(res, 200, { server: 7, photo: JSON.stringify([{ id, markers_restarted: true }]), hash: `h${id}` });
    answer(res, 200, { file: Buffer.from(JSON.stringify({ id })).toString('base64url') });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiBaseUrl: `${base}/method`,
    token,
    groupId,
    confirmationCode,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    waitForCall: (method, match = () => true, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const call = calls.find((c) => c.method === method && match(c));
          if (!call) return false;
          waiters.delete(check as () => void);
          clearTimeout(timer);
          resolve(call);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check as () => void);
          reject(new Error(`no ${method} call within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check as () => void);
      }),
    addUser: (user) => void users.set(user.id, user),
    setMessagesDenied: (userId, isDenied) => void (isDenied ? denied.add(userId) : denied.delete(userId)),
    failNext: (method, failure) => void failures.set(method, [...(failures.get(method) ?? []), failure]),
    sent,
    uploads,
    addFile: (name, data) => {
      files.set(name, data);
      return `${base}/files/${encodeURIComponent(name)}`;
    },
    pushLongPoll: (...updates) => {
      for (const update of updates) events.push({ group_id: groupId, event_id: `lp${++eventCounter}`, v: '5.199', ...update });
      notify();
    },
    failLongPollNext: (failed) => void longPollFailures.push(failed),
    longPollKeys,
    longPollRequests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const waiter of waiters) waiter();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

class VkFakeError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function vkError(code: number, message = ERROR_MESSAGES[code] ?? 'Error'): VkFakeError {
  return new VkFakeError(code, message);
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

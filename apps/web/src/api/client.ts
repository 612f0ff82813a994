import { ApiError, type ApiErrorBody } from './api-error.js';

type Query = Record<string, string | number | boolean | null | undefined>;

interface ClientHooks {
  token(): string | null;
  locale(): string;
  /** Called once per lost session (expired or revoked token) before the request rejects. */
  onSessionLost(error: ApiError): void;
  /** Text for a request that never reached the server. */
  networkMessage(): string;
}

let hooks: ClientHooks = {
  token: () => null,
  locale: () => 'ru',
  onSessionLost: () => undefined,
  networkMessage: () => 'Network error',
};

export function configureApi(next: ClientHooks) {
  hooks = next;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Calls the REST API with the session's token and language; rejects with ApiError. */
export async function request<T>(method: string, path: string, body?: unknown, options: { auth?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': hooks.locale() };
  const token = options.auth === false ? null : hooks.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { code: 'network_error' }, hooks.networkMessage());
  }
  if (response.status === 204) return undefined as T;
  const parsed = parseJson(await response.text());
  if (!response.ok) {
    const error = new ApiError(response.status, (parsed && typeof parsed === 'object' ? parsed : {}) as ApiErrorBody, hooks.networkMessage());
    if (token && error.isSessionLost) hooks.onSessionLost(error);
    throw error;
  }
  return parsed as T;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

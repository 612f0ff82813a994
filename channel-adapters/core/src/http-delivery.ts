import { ChannelError } from './channel-errors.js';

/** Used when a channel answers 429 without saying how long to wait. */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;

/** Reads a Retry-After value, either delay-seconds or an HTTP date, as milliseconds from now. */
export function parseRetryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Maps a channel's non-2xx answer to what the worker should do: 429 waits, 408 and 5xx retry,
 * anything else (a 4xx, a redirect) will not get better by retrying.
 */
export function channelErrorFromResponse(target: string, response: Response, detail?: string): ChannelError {
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const reason = `${target} answered ${status}${detail ? `: ${detail}` : ''}`;
  if (response.status === 429) {
    return ChannelError.rateLimited(reason, parseRetryAfterMs(response.headers.get('retry-after')) ?? DEFAULT_RETRY_AFTER_MS);
  }
  if (response.status === 408 || response.status >= 500) return ChannelError.retryable(reason);
  return ChannelError.permanent(reason);
}

/** A request that never got an answer (refused, reset, timed out, DNS failure) may succeed on a later try. */
export function channelErrorFromFetchFailure(target: string, error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  const name = (error as Error | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return ChannelError.retryable(`${target} did not answer in time`, { cause: error });
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const why = cause?.code ?? cause?.message ?? (error as Error | undefined)?.message ?? String(error);
  return ChannelError.retryable(`${target} could not be reached (${why})`, { cause: error });
}

export interface DeliveryRequest {
  /** Named in error reasons, e.g. "The callback URL". */
  target: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Sends one HTTP request to a channel and returns its 2xx response; every other outcome becomes a
 * typed ChannelError. Redirects are not followed, so a signed payload never travels to another host.
 */
export async function deliverHttp(request: DeliveryRequest): Promise<Response> {
  const doFetch = request.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(request.url, {
      method: request.method ?? 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS),
    });
  } catch (error) {
    throw channelErrorFromFetchFailure(request.target, error);
  }
  if (response.ok) return response;
  throw channelErrorFromResponse(request.target, response, await readDetail(response));
}

const MAX_DETAIL_LENGTH = 300;

async function readDetail(response: Response): Promise<string | undefined> {
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    return location ? `redirect to ${location} is not followed; use the final address` : undefined;
  }
  const text = await response.text().catch(() => '');
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  return flat.length > MAX_DETAIL_LENGTH ? `${flat.slice(0, MAX_DETAIL_LENGTH)}…` : flat;
}

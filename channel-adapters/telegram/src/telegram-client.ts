import { Telegram, TelegramError } from 'telegraf';
import { ChannelError, channelErrorFromFetchFailure } from '@channel-adapters/core';

export interface BotApiCallOptions {
  signal?: AbortSignal;
  timeoutMs: number;
}

type ApiMethod = Parameters<Telegram['callApi']>[0];

/**
 * One bot's Bot API client (telegraf's Telegram) whose every call has a deadline and whose failures
 * are typed ChannelErrors that never contain the token.
 */
export class BotApi {
  private readonly client: Telegram;

  constructor(
    private readonly token: string,
    apiRoot: string,
  ) {
    // A root with a path (a proxy at https://host/telegram) keeps it: telegraf resolves methods against it.
    this.client = new Telegram(token, { apiRoot: apiRoot.endsWith('/') ? apiRoot : `${apiRoot}/` });
  }

  async call<T>(method: string, payload: Record<string, unknown>, options: BotApiCallOptions): Promise<T> {
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    try {
      return (await this.client.callApi(method as ApiMethod, payload as never, { signal: signal as never })) as T;
    } catch (error) {
      throw this.redact(toChannelError(error, method));
    }
  }

  /** The file's bytes from /file/bot<token>/<path>, refused beyond maxBytes. */
  async downloadFile(filePath: string, maxBytes: number, options: BotApiCallOptions): Promise<Buffer | 'too_large'> {
    const url = new URL(`./file/bot${this.token}/${filePath.split('/').map(encodeURIComponent).join('/')}`, this.client.options.apiRoot);
    let response: Response;
    try {
      response = await fetch(url, { signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]) : AbortSignal.timeout(options.timeoutMs), redirect: 'error' });
    } catch (error) {
      throw this.redact(channelErrorFromFetchFailure('The Telegram file server', error));
    }
    if (!response.ok) {
      const kind = response.status >= 500 || response.status === 429 ? 'retryable' : 'permanent';
      throw new ChannelError(kind, `The Telegram file server answered ${response.status} for the file`);
    }
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      await response.body?.cancel();
      return 'too_large';
    }
    return readAtMost(response, maxBytes);
  }

  /** The token must never reach a log, an error shown to an agent or an API answer. */
  private redact(error: ChannelError): ChannelError {
    if (!error.reason.includes(this.token)) return error;
    const reason = error.reason.split(this.token).join('[bot token]');
    return new ChannelError(error.kind, reason, error.retryAfterMs, { identityFlags: error.identityFlags });
  }
}

async function readAtMost(response: Response, maxBytes: number): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return 'too_large';
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** Used when Telegram answers 429 without parameters.retry_after. */
const DEFAULT_RETRY_AFTER_S = 30;

/**
 * What the worker should do about a failed call: 429 waits retry_after, 403 means the person blocked
 * the bot (flagged on their identity), other 4xx will not improve by retrying, 5xx and network failures will.
 */
export function toChannelError(error: unknown, method: string): ChannelError {
  if (error instanceof ChannelError) return error;
  if (!(error instanceof TelegramError)) return channelErrorFromFetchFailure('Telegram', error);
  const { code, description } = error;
  const answered = `Telegram answered ${code} to ${method}: ${description}`;
  if (code === 429) {
    const seconds = error.parameters?.retry_after ?? DEFAULT_RETRY_AFTER_S;
    return ChannelError.rateLimited(`${answered}; waiting ${seconds} s as Telegram asks`, seconds * 1000, { cause: error });
  }
  if (code === 403) {
    return ChannelError.permanent(
      `The person blocked the bot or the bot was removed from the chat, so Telegram refuses to deliver (${description}). They can receive replies again after they restart the bot.`,
      { cause: error, identityFlags: { blocked: true } },
    );
  }
  if (code === 401 || code === 404) return ChannelError.permanent(`Telegram refused the bot token (${code} ${description}): enter the token from @BotFather again`, { cause: error });
  if (code >= 500) return ChannelError.retryable(answered, { cause: error });
  if (code >= 400 && code < 500 && code !== 409 && code !== 420) return ChannelError.permanent(answered, { cause: error });
  return ChannelError.retryable(answered, { cause: error });
}

import { APIError } from 'vk-io';
import { ChannelError, channelErrorFromFetchFailure, channelErrorFromResponse } from '@channel-adapters/core';
import { channelErrorOf } from './vk-errors.js';
import { VK_API_VERSION } from './vk.settings.js';

export interface VkCallOptions {
  signal?: AbortSignal;
  timeoutMs: number;
}

export type VkParams = Record<string, string | number | boolean | undefined>;

/**
 * One community's VK API client: POST /method/<name>, form-encoded with access_token and v, as vk-io
 * sends it. Calls go out at once rather than through vk-io's worker queue, which retries error 6 by
 * itself and hides the HTTP status: here every failure becomes a typed ChannelError (VK errors as
 * vk-io's APIError first) whose reason never contains the token.
 */
export class VkApi {
  constructor(
    private readonly token: string,
    private readonly apiBaseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async call<T>(method: string, params: VkParams, options: VkCallOptions): Promise<T> {
    const body = new URLSearchParams({ access_token: this.token, v: VK_API_VERSION });
    for (const [name, value] of Object.entries(params)) if (value !== undefined) body.set(name, String(value));
    const deadline = AbortSignal.timeout(options.timeoutMs);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.apiBaseUrl}/${method}`, {
        method: 'POST',
        body,
        redirect: 'error',
        signal: options.signal ? AbortSignal.any([options.signal, deadline]) : deadline,
      });
    } catch (error) {
      throw this.redact(channelErrorFromFetchFailure('The VK API', error));
    }
    if (!response.ok) throw this.redact(channelErrorFromResponse(`The VK API (${method})`, response, await response.text().catch(() => undefined)));
    const answer = (await response.json().catch(() => undefined)) as { response?: T; error?: ConstructorParameters<typeof APIError>[0] } | undefined;
    if (!answer || typeof answer !== 'object') throw ChannelError.retryable(`The VK API answered ${method} with something other than JSON`);
    if (answer.error) throw this.redact(channelErrorOf(new APIError(answer.error), method));
    if (!('response' in answer)) throw ChannelError.retryable(`The VK API answered ${method} without a response`);
    return answer.response as T;
  }

  /** The token must never reach a log, an error shown to an agent or an API answer. */
  redact(error: ChannelError): ChannelError {
    if (!this.token || !error.reason.includes(this.token)) return error;
    const reason = error.reason.split(this.token).join('[access token]');
    return new ChannelError(error.kind, reason, error.retryAfterMs, { identityFlags: error.identityFlags, reasonKey: error.reasonKey });
  }
}

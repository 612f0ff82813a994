import { APIError, APIErrorCode } from 'vk-io';
import { ChannelError } from '@channel-adapters/core';

/** Catalog keys of the reasons an agent or an administrator has to act on. */
export const VK_REASON_KEYS = {
  messagesDenied: 'channel.vk.messages_denied',
  tokenInvalid: 'channel.vk.token_invalid',
  tokenPermission: 'channel.vk.token_permission',
} as const;

/** Stored on the person's VK identity while they forbid the community's messages (message_deny until message_allow). */
export const MESSAGES_DENIED_FLAG = 'messagesDenied';

const RETRYABLE = new Set<number>([APIErrorCode.UNKNOWN, APIErrorCode.SERVER, 603]);

/** How long each of VK's limits lasts: requests per second, flood control of one action, the method's daily quota. */
const RATE_LIMITS_MS: Record<number, number> = {
  [APIErrorCode.TOO_MANY]: 1_000,
  [APIErrorCode.FLOOD]: 60_000,
  29: 3_600_000,
};

/**
 * What the worker should do about a VK API error: 1, 10 and 603 are VK's own trouble and retried,
 * 6, 9 and 29 are limits waited out, everything else (901 the person forbade messages, 5 a revoked
 * token, 7 and 15 missing rights, 917 no access to the chat) will not improve by retrying.
 */
export function channelErrorOf(error: APIError, method: string): ChannelError {
  const code = Number(error.code);
  const description = descriptionOf(error);
  const answered = `VK answered error ${code} to ${method}: ${description}`;
  if (RETRYABLE.has(code)) return ChannelError.retryable(answered, { cause: error });
  const waitMs = RATE_LIMITS_MS[code];
  if (waitMs !== undefined) return ChannelError.rateLimited(`${answered}; waiting ${waitMs / 1000} s`, waitMs, { cause: error });
  if (code === APIErrorCode.AUTH) {
    return ChannelError.permanent(`The VK access token is invalid or revoked (${description}): create a new community token with the messages permission and enter it in the inbox settings`, {
      cause: error,
      reasonKey: VK_REASON_KEYS.tokenInvalid,
    });
  }
  if (code === APIErrorCode.MESSAGES_DENY_SEND) return messagesDenied(error);
  if (code === APIErrorCode.PERMISSION || code === APIErrorCode.GROUP_AUTH) {
    return ChannelError.permanent(`The community token lacks a permission VK needs for ${method} (${code} ${description}): create a community token with the messages, photos and docs permissions`, {
      cause: error,
      reasonKey: VK_REASON_KEYS.tokenPermission,
    });
  }
  return ChannelError.permanent(answered, { cause: error });
}

/** The person forbade messages from the community (message_deny, or VK's error 901); flagged on their identity. */
export function messagesDenied(cause?: unknown): ChannelError {
  return ChannelError.permanent('The person has forbidden messages from the community; ask them to allow messages (VK error 901)', {
    cause,
    reasonKey: VK_REASON_KEYS.messagesDenied,
    identityFlags: { [MESSAGES_DENIED_FLAG]: true },
  });
}

/** An error item of a messages.send answer with peer_ids ({code, description}) as the APIError VK would have thrown. */
export function apiErrorOf(error: { code?: number; error_code?: number; description?: string; error_msg?: string }): APIError {
  return new APIError({ error_code: Number(error.code ?? error.error_code ?? 1), error_msg: error.description ?? error.error_msg ?? 'Unknown error', request_params: [] });
}

/** VK's own error_msg, without the "Code №5 - " vk-io puts in front of it. */
export function descriptionOf(error: APIError): string {
  return error.message.replace(/^Code №\d+ - /, '');
}

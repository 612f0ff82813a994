import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The /start parameter that links a Telegram chat to a user: the user id and a signature, so no code
 * table is needed and nobody can link a chat to someone else. At most 64 characters of [A-Za-z0-9_-].
 */
export function staffLinkCode(userId: string, secret: string): string {
  return `${userId.replace(/-/g, '')}_${signatureOf(userId, secret)}`;
}

export function userOfLinkCode(code: string, secret: string): string | null {
  const match = /^([0-9a-f]{32})_([0-9a-f]{16})$/.exec(code.trim());
  if (!match) return null;
  const hex = match[1];
  const userId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expected = Buffer.from(signatureOf(userId, secret));
  return timingSafeEqual(expected, Buffer.from(match[2])) ? userId : null;
}

function signatureOf(userId: string, secret: string): string {
  return createHmac('sha256', secret).update(`staff-bot-link:${userId}`).digest('hex').slice(0, 16);
}

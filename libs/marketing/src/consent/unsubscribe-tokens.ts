import { createHmac } from 'node:crypto';
import { timingSafeEqualStrings } from '@channel-adapters/core';

const VERSION = 'u1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The token of a contact's unsubscribe link: the contact id signed with a key derived from APP_SECRET
 * for this use only. It does not expire, since an e-mail can be read years later.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(appSecret: string) {
    this.key = createHmac('sha256', appSecret).update('omnibox:unsubscribe-link').digest();
  }

  issue(contactId: string): string {
    const compact = Buffer.from(contactId.replace(/-/g, ''), 'hex').toString('base64url');
    return `${VERSION}.${compact}.${this.sign(contactId)}`;
  }

  /** The contact id when the token was issued here; otherwise null. */
  verify(token: string): string | null {
    if (token.length > 200) return null;
    const [version, compact, signature, ...rest] = token.split('.');
    if (version !== VERSION || rest.length > 0 || !compact || !signature) return null;
    const hex = Buffer.from(compact, 'base64url').toString('hex');
    if (hex.length !== 32) return null;
    const contactId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    if (!UUID.test(contactId)) return null;
    return timingSafeEqualStrings(signature, this.sign(contactId)) ? contactId : null;
  }

  private sign(contactId: string): string {
    return createHmac('sha256', this.key).update(contactId).digest('base64url');
  }
}

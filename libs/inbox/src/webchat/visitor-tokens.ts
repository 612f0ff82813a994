import { createHmac, randomBytes } from 'node:crypto';
import { timingSafeEqualStrings } from '@channel-adapters/core';

export interface VisitorIdentity {
  visitorId: string;
  /** What the widget keeps in localStorage and presents on its next visit. */
  visitorToken: string;
}

const VERSION = 'v1';
const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * A visitor's identity without an account: a random id signed for one inbox with a key derived
 * from APP_SECRET. The widget cannot make up another visitor's token, and a token taken from one
 * site does not open a conversation in another site's inbox.
 */
export class VisitorTokens {
  private readonly key: Buffer;

  constructor(appSecret: string) {
    // A key of its own, so a visitor token can never pass as any other signature of the product.
    this.key = createHmac('sha256', appSecret).update('omnibox:webchat-visitor-token').digest();
  }

  issue(inboxId: string): VisitorIdentity {
    const visitorId = randomBytes(16).toString('base64url');
    return { visitorId, visitorToken: `${VERSION}.${visitorId}.${this.sign(inboxId, visitorId)}` };
  }

  /** The visitor when the token is genuine and was issued for this inbox; otherwise null. */
  verify(inboxId: string, token: unknown): VisitorIdentity | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const [version, visitorId, signature, ...rest] = token.split('.');
    if (version !== VERSION || rest.length > 0 || !VISITOR_ID.test(visitorId ?? '') || !signature) return null;
    return timingSafeEqualStrings(signature, this.sign(inboxId, visitorId)) ? { visitorId, visitorToken: token } : null;
  }

  private sign(inboxId: string, visitorId: string): string {
    return createHmac('sha256', this.key).update(`${inboxId}:${visitorId}`).digest('base64url');
  }
}

import { createHmac, hkdfSync } from 'node:crypto';
import { timingSafeEqualStrings } from '@channel-adapters/core';
import type { Attachment } from '@app/db';

/** How long a link shown to an agent keeps working; rounded up so a thread renders the same link for a while. */
const TTL_SECONDS = 60 * 60;
const ROUND_SECONDS = 10 * 60;

/**
 * Short-lived signed links to stored files (`/api/attachments/<id>?exp=&sig=`), so an <img src> in the
 * browser works without the access token; the signing key is derived from APP_SECRET for this use only.
 */
export class AttachmentUrls {
  private readonly key: Buffer;

  constructor(
    appSecret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', appSecret, 'omnibox', 'attachment-urls', 32));
  }

  /** The link a client shows: signed for a stored file, the channel's own URL for an external one. */
  readonly urlOf = (attachment: Pick<Attachment, 'id' | 'storageKey' | 'externalUrl'>): string | null =>
    attachment.storageKey ? this.signedPath(attachment.id) : attachment.externalUrl;

  signedPath(id: string): string {
    const nowSeconds = Math.floor(this.now() / 1000);
    const exp = Math.ceil((nowSeconds + TTL_SECONDS) / ROUND_SECONDS) * ROUND_SECONDS;
    return `/api/attachments/${id}?exp=${exp}&sig=${this.signature(id, exp)}`;
  }

  /** Whether the link was made here for this attachment and has not expired. */
  verify(id: string, exp: number, sig: string): boolean {
    if (!Number.isInteger(exp) || exp * 1000 < this.now()) return false;
    return timingSafeEqualStrings(sig, this.signature(id, exp));
  }

  private signature(id: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${id}.${exp}`).digest('base64url');
  }
}

import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Long enough for a channel to fetch the file and for a customer to open a link sent by e-mail. */
const TTL_SECONDS = 7 * 24 * 3600;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const DOCUMENT_TOKEN = new RegExp(`^(${UUID})\\.(\\d{1,12})\\.([\\w-]{43})$`);

/** Signed, expiring links to a document's PDF for customers (channels fetch attachments by URL). */
export class DocumentLinks {
  private readonly key: Buffer;

  constructor(
    appSecret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', appSecret, 'omnibox', 'document-links', 32));
  }

  token(documentId: string): string {
    const exp = Math.floor(this.now() / 1000) + TTL_SECONDS;
    return `${documentId}.${exp}.${this.signature(documentId, exp)}`;
  }

  /** The document id when the token was made here and has not expired, else undefined. */
  verify(token: string): string | undefined {
    const match = DOCUMENT_TOKEN.exec(token);
    if (!match) return undefined;
    const [, id, expText, sig] = match;
    const exp = Number(expText);
    if (exp * 1000 < this.now() || !sameText(sig, this.signature(id, exp))) return undefined;
    return id;
  }

  private signature(id: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${id}.${exp}`).digest('base64url');
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/**
 * Every purpose a SecretBox is created with. Rotating APP_SECRET reopens each sealed value with the
 * purpose whose key authenticates it, so a new purpose must be added here.
 */
export const SECRET_BOX_PURPOSES = ['channel-secrets', 'automation-webhooks'] as const;

/**
 * Encrypts secrets at rest with AES-256-GCM; the key is derived from APP_SECRET with HKDF,
 * so one APP_SECRET yields independent keys per purpose.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(appSecret: string, purpose = 'channel-secrets') {
    this.key = Buffer.from(hkdfSync('sha256', appSecret, 'omnibox', purpose, 32));
  }

  static isEncrypted(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(PREFIX);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  decrypt(sealed: string): string {
    if (!SecretBox.isEncrypted(sealed)) throw new Error('Value is not encrypted');
    const [iv, tag, body] = sealed.slice(PREFIX.length).split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}

import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

const APP_SECRET = 'app-secret-0123456789abcdef0123456789abcdef';

/** Flips one bit of one base64url part of a sealed value (0: iv, 1: auth tag, 2: ciphertext). */
function tamper(sealed: string, part: number): string {
  const [prefix, body] = [sealed.slice(0, 'enc:v1:'.length), sealed.slice('enc:v1:'.length)];
  const parts = body.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return prefix + parts.join('.');
}

describe('SecretBox', () => {
  const box = new SecretBox(APP_SECRET);

  it.each(['123456:ABC-telegram-token', 'пароль от почты: Ёлкин-Палкин 🔑', '', 'x'.repeat(10_000)])('decrypts what it encrypted: %#', (plain) => {
    const sealed = box.encrypt(plain);
    expect(sealed.startsWith('enc:v1:')).toBe(true);
    if (plain) expect(sealed).not.toContain(plain);
    expect(box.decrypt(sealed)).toBe(plain);
  });

  it('produces a different ciphertext each time for the same value', () => {
    const first = box.encrypt('same secret');
    const second = box.encrypt('same secret');
    expect(first).not.toBe(second);
    expect(box.decrypt(first)).toBe(box.decrypt(second));
  });

  it.each([
    ['the iv', 0],
    ['the auth tag', 1],
    ['the ciphertext', 2],
  ])('refuses to decrypt when %s was changed', (_name, part) => {
    const sealed = box.encrypt('секретный токен');
    expect(() => box.decrypt(tamper(sealed, part))).toThrow();
  });

  it('cannot decrypt with a key from another APP_SECRET', () => {
    const sealed = box.encrypt('bot token');
    expect(() => new SecretBox(`${APP_SECRET}-other`).decrypt(sealed)).toThrow();
  });

  it('cannot decrypt with the same APP_SECRET for another purpose', () => {
    const sealed = box.encrypt('bot token');
    expect(() => new SecretBox(APP_SECRET, 'another-purpose').decrypt(sealed)).toThrow();
  });

  it('refuses a value that was never encrypted', () => {
    expect(() => box.decrypt('plain text')).toThrow();
    expect(SecretBox.isEncrypted('plain text')).toBe(false);
    expect(SecretBox.isEncrypted(box.encrypt('x'))).toBe(true);
    expect(SecretBox.isEncrypted(42)).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { API_KEY_PREFIX, generateApiKey, hashApiKey } from './api-key.util.js';

describe('API key generation', () => {
  it('makes a prefixed, URL-safe key with 24 random bytes', () => {
    const { key } = generateApiKey();
    expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(key.slice(API_KEY_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('answers a display prefix that is the start of the key but reveals only six random characters', () => {
    const { key, prefix } = generateApiKey();
    expect(prefix).toBe(key.slice(0, API_KEY_PREFIX.length + 6));
  });

  it('answers the SHA-256 of the key as the stored hash, never the key itself', () => {
    const { key, hash } = generateApiKey();
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hash).not.toContain(key.slice(API_KEY_PREFIX.length));
    expect(hashApiKey(key)).toBe(hash);
  });

  it('makes a different key every time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey().key));
    expect(keys.size).toBe(50);
  });

  it('hashes different keys differently', () => {
    expect(hashApiKey('obx_a')).not.toBe(hashApiKey('obx_b'));
  });
});

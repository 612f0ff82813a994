import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  appSecret: string;
  jwtTtlSeconds: number;
  loginMaxAttempts: number;
  loginWindowSeconds: number;
}

/**
 * The JWT signing key is derived from APP_SECRET, so it never equals the key that encrypts channel secrets.
 * It is handed to jsonwebtoken as a key object: given a string, jsonwebtoken first tries to read it as a
 * PEM public key on every verification, and that failed attempt cost about 0.4 ms of CPU per API request.
 * The key's bytes are those of the base64 text, as jsonwebtoken took them from the string before.
 */
export function jwtSecretFrom(appSecret: string): KeyObject {
  return createSecretKey(Buffer.from(Buffer.from(hkdfSync('sha256', appSecret, 'omnibox', 'jwt', 32)).toString('base64')));
}

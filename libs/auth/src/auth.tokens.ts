import { hkdfSync } from 'node:crypto';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  appSecret: string;
  jwtTtlSeconds: number;
  loginMaxAttempts: number;
  loginWindowSeconds: number;
}

/** The JWT signing key is derived from APP_SECRET, so it never equals the key that encrypts channel secrets. */
export function jwtSecretFrom(appSecret: string): string {
  return Buffer.from(hkdfSync('sha256', appSecret, 'omnibox', 'jwt', 32)).toString('base64');
}

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config.schema.js';

/**
 * APP_SECRET signs sessions and encrypts channel secrets. On the embedded default one is generated on
 * first start and kept in DATA_DIR, so a restart can still read what it encrypted. With an external
 * database the secret must be given, since several processes must share it.
 */
export function resolveAppSecret(config: AppConfig): { secret: string; generated: boolean } {
  if (config.APP_SECRET) return { secret: config.APP_SECRET, generated: false };
  if (config.DATABASE_URL && config.NODE_ENV === 'production') {
    throw new Error('APP_SECRET is required with DATABASE_URL in production: set it to a random string of 32+ characters (openssl rand -hex 32).');
  }
  const file = join(config.DATA_DIR, 'app-secret');
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), generated: false };
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secret, generated: true };
}

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('applies defaults when the environment is empty', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.DEFAULT_PHONE_REGION).toBe('RU');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SEED_DEMO).toBe(true);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://nope', APP_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'APP_SECRET']) expect(message).toContain(name);
    expect(message).toContain('.env.example');
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('accepts PostgreSQL and Redis URLs', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/db', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.DATABASE_URL).toBe('postgres://u:p@localhost:5432/db');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });
});

describe('.env.example', () => {
  it('documents every variable of the configuration schema', async () => {
    const { readFileSync } = await import('node:fs');
    const { configSchema } = await import('./config.schema.js');
    const documented = new Set(
      readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => line.split('=')[0]),
    );
    expect([...Object.keys(configSchema.shape)].filter((name) => !documented.has(name))).toEqual([]);
  });
});

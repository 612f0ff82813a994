import { z } from 'zod';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

const postgresUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must look like postgres://user:password@host:5432/database')
    .optional(),
);

const redisUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^rediss?:\/\/.+/, 'must look like redis://host:6379')
    .optional(),
);

/** Every environment variable the product reads; `.env.example` documents each one. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: postgresUrl,
  REDIS_URL: redisUrl,
  APP_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, 'must be at least 32 characters (try: openssl rand -hex 32)').optional(),
  ),
  ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email().default('admin@example.com')),
  ADMIN_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(8, 'must be at least 8 characters').optional()),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).default(12 * 3600),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO country code such as RU or KZ')
    .default('RU'),
  DEFAULT_LOCALE: z.enum(['ru', 'en']).default('ru'),
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i, 'must look like 1mb or 512kb').default('1mb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  AGENT_INACTIVITY_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  // Hosts on a private network that automation webhooks and bot HTTP requests may call (comma-separated,
  // e.g. "crm.internal,10.0.0.5,*.corp.example"); every other private, loopback or link-local address is refused.
  PRIVATE_URL_HOSTS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)),
  /** A second Telegram bot that notifies staff (new orders, SLA breaches); unset: no staff bot. */
  STAFF_TELEGRAM_BOT_TOKEN: z.preprocess(emptyToUndefined, z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456789:AA… (the token @BotFather gave)').optional()),
  /** The Bot API server of the staff bot (a local Bot API server); unset: Telegram's. */
  STAFF_TELEGRAM_API_ROOT: z.preprocess(emptyToUndefined, z.url().optional()),
  JOBS_IN_SERVER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type AppConfig = z.output<typeof configSchema>;

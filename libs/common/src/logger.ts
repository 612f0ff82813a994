import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { requestContext } from './request-context.js';

/** Paths never written to logs: credentials and channel secrets. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'apiKey',
  '*.apiKey',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'settings.*',
];

/** Human-readable lines on a terminal (when pino-pretty is installed), JSON lines everywhere else. */
function prettyTransport() {
  if (!process.stdout.isTTY) return undefined;
  try {
    import.meta.resolve('pino-pretty');
  } catch {
    return undefined;
  }
  return { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,context' } };
}

/** `destination` replaces stdout (a test reads what would have been written). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    transport: level === 'silent' || destination ? undefined : prettyTransport(),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Every line carries the request's correlation id when it is logged inside a request.
    mixin: () => {
      const requestId = requestContext.requestId();
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's logger interface on top of pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

/** PostgreSQL error helpers shared by the repositories. */
export interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

function pgErrorOf(error: unknown): PgError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as PgError & { cause?: unknown };
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
  // Drizzle wraps driver errors in DrizzleQueryError with the original as `cause`.
  return e.cause ? pgErrorOf(e.cause) : undefined;
}

export const isUniqueViolation = (error: unknown, constraint?: string) => {
  const e = pgErrorOf(error);
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
};

export const isForeignKeyViolation = (error: unknown) => pgErrorOf(error)?.code === '23503';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P03', '08006', '08001', '08003']);

/** True when the database itself is unreachable, so the caller should answer 503 and let the client retry. */
export function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as { code?: string; message?: string; cause?: unknown };
    if (e.code && CONNECTION_CODES.has(e.code)) return true;
    if (e.message && /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Cannot use a pool after calling end/i.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}

export { pgErrorOf };

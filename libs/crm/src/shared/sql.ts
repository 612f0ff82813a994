import { sql, type SQL } from 'drizzle-orm';

/** A text[] literal built from bound parameters; the same SQL on PGlite and PostgreSQL. */
export function textArray(values: readonly string[]): SQL {
  if (values.length === 0) return sql`'{}'::text[]`;
  return sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

/** Digits of a search term that looks like (part of) a phone number, so "912 345" finds "+79123456789". */
export function phoneDigitsOf(term: string): string | null {
  if (!/^[\d\s()+\-.]+$/.test(term)) return null;
  const digits = term.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

/** The entries that are set: an update with nothing to change must not reach the database as an empty SET. */
export function definedValues<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

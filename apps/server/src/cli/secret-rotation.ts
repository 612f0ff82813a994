import { sql } from 'drizzle-orm';
import { SECRET_BOX_PURPOSES, SecretBox } from '@app/common';
import { queryRows, type Db, type Tx } from '@app/db';

export interface RotationOptions {
  /** The APP_SECRET the values are sealed with now. */
  from: string;
  /** The APP_SECRET to seal them with. */
  to: string;
  /** Checks that every value opens with the old secret and counts them, changing nothing. */
  dryRun?: boolean;
  /** Receives one line per table as it is done. */
  progress?: (line: string) => void;
}

export interface RotationReport {
  /** Sealed values re-encrypted (or, in a dry run, that would be). */
  values: number;
  /** Rows changed (or, in a dry run, that would be). */
  rows: number;
  /** `table.column` → sealed values found there. */
  locations: Record<string, number>;
}

/** A sealed value that no purpose's key of the old secret opens: rotating would lose it, so nothing is changed. */
export class UnopenableSecretError extends Error {
  override readonly name = 'UnopenableSecretError';
}

interface SealedColumn {
  table: string;
  column: string;
  json: boolean;
}

const MARKER = 'enc:v1:';

/**
 * Re-encrypts every value sealed with SecretBox under the old APP_SECRET with the new one, in one
 * transaction: either every value is rotated or none is. Columns are found by looking for sealed
 * values in every text and JSON column, so values added by any module are rotated too.
 */
export async function rotateSealedSecrets(db: Db, options: RotationOptions): Promise<RotationReport> {
  if (options.from === options.to) throw new Error('The old and the new APP_SECRET are the same: nothing to rotate');
  const boxes = SECRET_BOX_PURPOSES.map((purpose) => ({ purpose, old: new SecretBox(options.from, purpose), next: new SecretBox(options.to, purpose) }));
  const reseal = (sealed: string, where: string): string => {
    for (const box of boxes) {
      let plain: string;
      try {
        plain = box.old.decrypt(sealed);
      } catch {
        continue;
      }
      return box.next.encrypt(plain);
    }
    throw new UnopenableSecretError(`A sealed value in ${where} does not open with the old APP_SECRET: check the old secret; nothing was changed`);
  };
  const report: RotationReport = { values: 0, rows: 0, locations: {} };
  await db.transaction(async (tx) => {
    for (const target of await sealedColumns(tx)) {
      const where = `${target.table}.${target.column}`;
      const rows = await queryRows<{ rowRef: string; value: unknown }>(
        tx,
        sql`select ctid::text as "rowRef", ${sql.identifier(target.column)} as value from ${sql.identifier(target.table)} where ${sql.identifier(target.column)}::text like ${`%${MARKER}%`}`,
      );
      let found = 0;
      for (const row of rows) {
        let count = 0;
        const next = resealValue(row.value, (sealed) => {
          count += 1;
          return reseal(sealed, where);
        });
        if (count === 0) continue;
        found += count;
        report.rows += 1;
        if (options.dryRun) continue;
        const value = target.json ? sql`${JSON.stringify(next)}::jsonb` : sql`${next as string}`;
        await tx.execute(sql`update ${sql.identifier(target.table)} set ${sql.identifier(target.column)} = ${value} where ctid = ${row.rowRef}::tid`);
      }
      if (found === 0) continue;
      report.values += found;
      report.locations[where] = found;
      options.progress?.(`${options.dryRun ? 'would re-encrypt' : 're-encrypted'} ${found} value(s) in ${where}`);
    }
  });
  return report;
}

/** The text and JSON columns of the application's tables. */
async function sealedColumns(tx: Tx): Promise<SealedColumn[]> {
  const columns = await queryRows<{ table: string; column: string; type: string }>(
    tx,
    sql`select c.table_name as "table", c.column_name as "column", c.data_type as type
        from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type in ('text', 'character varying', 'json', 'jsonb')
        order by c.table_name, c.column_name`,
  );
  return columns.map(({ table, column, type }) => ({ table, column, json: type === 'json' || type === 'jsonb' }));
}

/** Replaces every sealed string inside a value (a string, or JSON of any depth). */
function resealValue(value: unknown, reseal: (sealed: string) => string): unknown {
  if (typeof value === 'string') return SecretBox.isEncrypted(value) ? reseal(value) : value;
  if (Array.isArray(value)) return value.map((item) => resealValue(item, reseal));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resealValue(item, reseal)]));
  return value;
}

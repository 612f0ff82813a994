import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { foldForSearch } from '@app/common';
import { likePattern } from '@app/db';

const CYRILLIC_UPPER = 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
const FROM = CYRILLIC_UPPER + 'Ёё';
const TO = CYRILLIC_UPPER.toLocaleLowerCase('ru') + 'ее';

/**
 * Users and teams have no search_text column, so their text is folded at query time the way
 * foldForSearch folds it on write elsewhere. lower() alone folds only ASCII under the C locale
 * (PGlite), so Cyrillic is folded explicitly and behaves the same on every server collation.
 */
export function foldedMatches(term: string, ...columns: AnyColumn[]): SQL {
  const joined = sql.join(
    columns.map((column) => sql`coalesce(${column}, '')`),
    sql` || ' ' || `,
  );
  return sql`translate(lower(${joined}), ${FROM}, ${TO}) like ${likePattern(foldForSearch(term))}`;
}

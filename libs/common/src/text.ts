/**
 * Folds text for search the same way on write and on query: lower case in any script, ё as е,
 * collapsed whitespace. Works the same on PGlite and on a PostgreSQL server of any collation.
 */
export function foldForSearch(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .join(' ')
    .normalize('NFKC')
    .toLocaleLowerCase('ru')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

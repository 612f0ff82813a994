import { foldForSearch } from '@app/common';

/** Text longer than this is matched on its beginning only, which bounds the cost of any pattern. */
export const MATCHED_TEXT_LIMIT = 2_000;
const MAX_PATTERN_LENGTH = 200;
const MAX_UNBOUNDED_QUANTIFIERS = 4;

export class UnsafePatternError extends Error {}

/** A quantified group that itself repeats or alternates: (a+)+, (a|aa)*, (x{2,})+ … the shapes that backtrack exponentially. */
const NESTED_REPEAT = /\((?:[^()\\]|\\.)*(?:[*+|]|\{\d+,?\d*\})(?:[^()\\]|\\.)*\)(?:[*+]|\{\d+,\d*\})/;
const BACK_REFERENCE = /\\[1-9]|\\k</;
const UNBOUNDED = /(?<!\\)(?:[*+]|\{\d+,\})/g;

/**
 * Compiles a regular expression written by an administrator, refusing the shapes that can take
 * exponential time on a hostile message; matching is case-insensitive.
 */
export function compileSafeRegex(source: string): RegExp {
  if (source.length > MAX_PATTERN_LENGTH) throw new UnsafePatternError(`longer than ${MAX_PATTERN_LENGTH} characters`);
  if (NESTED_REPEAT.test(source)) throw new UnsafePatternError('a repeated group must not repeat or alternate inside');
  if (BACK_REFERENCE.test(source)) throw new UnsafePatternError('back-references are not supported');
  if ((source.match(UNBOUNDED) ?? []).length > MAX_UNBOUNDED_QUANTIFIERS) throw new UnsafePatternError(`at most ${MAX_UNBOUNDED_QUANTIFIERS} unbounded repetitions (*, +, {n,})`);
  try {
    return new RegExp(source, 'iu');
  } catch (error) {
    throw new UnsafePatternError((error as Error).message);
  }
}

export interface TextPattern {
  test(text: string | null | undefined): boolean;
}

/** `/regex/` (between slashes) or plain text found anywhere, ignoring case and ё/е. */
export function compileTextPattern(pattern: string): TextPattern {
  const regex = /^\/(.+)\/$/s.exec(pattern);
  if (regex) {
    const compiled = compileSafeRegex(regex[1]);
    return { test: (text) => typeof text === 'string' && compiled.test(text.slice(0, MATCHED_TEXT_LIMIT)) };
  }
  const needle = foldForSearch(pattern);
  return { test: (text) => typeof text === 'string' && needle.length > 0 && foldForSearch(text.slice(0, MATCHED_TEXT_LIMIT)).includes(needle) };
}

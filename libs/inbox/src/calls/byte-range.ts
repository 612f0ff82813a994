/**
 * The one range of an HTTP Range header (`bytes=0-99`, `bytes=100-`, `bytes=-100`) that audio players
 * send to seek; undefined for no header or one this does not serve (several ranges: the whole file).
 */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (!match[1] && !match[2])) return undefined;
  const [start, end] = match[1]
    ? [Number(match[1]), match[2] ? Math.min(Number(match[2]), size - 1) : size - 1]
    : [Math.max(0, size - Number(match[2])), size - 1];
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

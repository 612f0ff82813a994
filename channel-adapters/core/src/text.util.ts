import type { OutboundButton } from './channel-events.js';

/**
 * Appends buttons as numbered options ("1. Yes\n2. No") for channels that cannot show buttons;
 * a link button keeps its URL so the customer can still open it.
 */
export function degradeButtonsToText(text: string | undefined, buttons: OutboundButton[][] | undefined): string {
  const options = (buttons ?? []).flat().map((button, index) => {
    const label = `${index + 1}. ${button.text}`;
    return button.url ? `${label}: ${button.url}` : label;
  });
  const body = text ?? '';
  if (options.length === 0) return body;
  return body ? `${body}\n\n${options.join('\n')}` : options.join('\n');
}

// Preferred places to cut, best first: between paragraphs, between lines, between words.
const BOUNDARIES = [/\n\s*\n/g, /\n/g, /\s+/g];

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Splits text into parts of at most maxLength UTF-16 code units, cutting between paragraphs,
 * then lines, then words, and only as a last resort inside a word: even then never inside a
 * surrogate pair or a grapheme (an emoji with modifiers stays whole), so Cyrillic and emoji survive.
 * The whitespace at a cut is dropped; nothing else is.
 */
export function splitText(text: string, maxLength: number): string[] {
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  const parts: string[] = [];
  let rest = text;
  while (rest.length > maxLength) {
    const cut = findBoundaryCut(rest, maxLength) ?? hardCut(rest, maxLength);
    const part = rest.slice(0, cut.end);
    if (part.trim()) parts.push(part);
    rest = rest.slice(cut.resume);
  }
  if (rest.trim()) parts.push(rest);
  return parts;
}

interface Cut {
  /** Where the part ends. */
  end: number;
  /** Where the next part starts (after the whitespace at the cut). */
  resume: number;
}

function findBoundaryCut(text: string, maxLength: number): Cut | undefined {
  // A separator may begin at maxLength itself: the part before it still fits.
  const window = text.slice(0, maxLength + 1);
  for (const boundary of BOUNDARIES) {
    let last: RegExpExecArray | undefined;
    for (const match of window.matchAll(boundary)) {
      if (match.index > 0 && match.index <= maxLength) last = match;
    }
    if (last) return { end: last.index, resume: last.index + last[0].length };
  }
  return undefined;
}

function hardCut(text: string, maxLength: number): Cut {
  let end = 0;
  for (const { segment, index } of graphemes.segment(text.slice(0, maxLength + 1))) {
    if (index + segment.length > maxLength) break;
    end = index + segment.length;
  }
  // One grapheme longer than maxLength: cut between its code points instead.
  if (end === 0) end = codePointCut(text, maxLength);
  return { end, resume: end };
}

function codePointCut(text: string, maxLength: number): number {
  const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
  if (!isHighSurrogate(text.charCodeAt(maxLength - 1))) return maxLength;
  // maxLength 1 cannot hold a surrogate pair: take the whole pair rather than break it.
  return maxLength > 1 ? maxLength - 1 : 2;
}

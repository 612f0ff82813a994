import { splitText } from '@channel-adapters/core';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (an extension character takes two), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

// GSM 03.38: the default alphabet, and the extension table whose characters take an escape septet.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

/** One SMS carries 160 GSM-7 or 70 UCS-2 units; a concatenated part loses 7 or 3 of them to its header. */
const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

export function countSmsSegments(text: string): SmsSegments {
  let septets = 0;
  for (const char of text) {
    if (GSM_BASIC.has(char)) septets += 1;
    else if (GSM_EXTENSION.has(char)) septets += 2;
    else return segmentsOf('UCS-2', text.length);
  }
  return segmentsOf('GSM-7', septets);
}

function segmentsOf(encoding: SmsEncoding, units: number): SmsSegments {
  const { single, part } = LIMITS[encoding];
  return { encoding, units, segments: units <= single ? 1 : Math.ceil(units / part) };
}

/** What one message of at most `maxParts` concatenated parts holds: 402 Cyrillic characters for 6 parts. */
export function smsCapacity(encoding: SmsEncoding, maxParts: number): number {
  return maxParts === 1 ? LIMITS[encoding].single : LIMITS[encoding].part * maxParts;
}

/**
 * Splits a text into messages of at most `maxParts` segments each, cutting between paragraphs,
 * lines or words where it can; Cyrillic (UCS-2) and emoji are never cut inside a character.
 */
export function splitSms(text: string, maxParts: number): string[] {
  const { encoding, segments } = countSmsSegments(text);
  if (segments <= maxParts) return text.trim() ? [text] : [];
  const pieces: string[] = [];
  let limit = smsCapacity(encoding, maxParts);
  let pending = splitText(text, limit);
  // GSM-7 extension characters take two septets, so a piece cut by length alone may still be too long.
  while (pending.length) {
    const tooLong = pending.filter((piece) => countSmsSegments(piece).segments > maxParts);
    if (tooLong.length === 0) break;
    limit = Math.max(1, Math.floor(limit * 0.8));
    pending = pending.flatMap((piece) => (countSmsSegments(piece).segments > maxParts ? splitText(piece, limit) : [piece]));
  }
  pieces.push(...pending);
  return pieces;
}

import type { AskKind } from '../bot-flow.contract.js';

export type Checked = { ok: true; value: unknown } | { ok: false };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** +7 912 345-67-89, 8 (912) 345 67 89, 89123456789 → +79123456789; other countries need their code. */
export function normalizePhoneAnswer(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^[+\d\s().-]{5,25}$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (!trimmed.startsWith('+') && digits.length === 11 && digits.startsWith('8')) digits = `7${digits.slice(1)}`;
  if (!trimmed.startsWith('+') && digits.length === 10 && digits.startsWith('9')) digits = `7${digits}`;
  return digits.length >= 10 && digits.length <= 15 ? `+${digits}` : null;
}

/** 25.12.2026, 25/12/2026 or 2026-12-25 → "2026-12-25" (a real calendar date). */
export function parseDateAnswer(raw: string): string | null {
  const value = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const local = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(value);
  const [year, month, day] = iso ? [+iso[1], +iso[2], +iso[3]] : local ? [+local[3], +local[2], +local[1]] : [0, 0, 0];
  if (!year) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

export function parseNumberAnswer(raw: string): number | null {
  const value = raw.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  return Number(value);
}

/** Checks a typed answer to an ask node (choice answers are matched to buttons elsewhere). */
export function checkAnswer(kind: Exclude<AskKind, 'choice'>, raw: string, limits: { min?: number; max?: number } = {}): Checked {
  const value = raw.trim();
  switch (kind) {
    case 'text':
      return value.length > 0 && value.length <= 4000 ? { ok: true, value } : { ok: false };
    case 'number': {
      const n = parseNumberAnswer(value);
      if (n === null || (limits.min !== undefined && n < limits.min) || (limits.max !== undefined && n > limits.max)) return { ok: false };
      return { ok: true, value: n };
    }
    case 'phone': {
      const phone = normalizePhoneAnswer(value);
      return phone ? { ok: true, value: phone } : { ok: false };
    }
    case 'email':
      return EMAIL.test(value) && value.length <= 254 ? { ok: true, value: value.toLowerCase() } : { ok: false };
    case 'date': {
      const date = parseDateAnswer(value);
      return date ? { ok: true, value: date } : { ok: false };
    }
  }
}

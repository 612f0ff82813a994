import { z } from 'zod';

/** An e-mail as stored: trimmed and lower-cased before it is validated, so " Ivan@Mail.RU " is accepted. */
export const emailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email());

export function normalizeEmail(value: string): string {
  return emailSchema.parse(value);
}

export function normalizeEmails(values: readonly string[]): string[] {
  return [...new Set(values.map(normalizeEmail))];
}

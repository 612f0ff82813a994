import { describe, expect, it } from 'vitest';
import { emailSchema, normalizeEmails } from './email.util.js';

describe('emailSchema', () => {
  it('trims and lower-cases an e-mail before validating it', () => {
    expect(emailSchema.parse('  Ivan.Petrov@Mail.RU ')).toBe('ivan.petrov@mail.ru');
  });

  it.each(['not-an-email', 'a@', '@b.ru', 'a b@c.ru', ''])('refuses "%s"', (input) => {
    expect(emailSchema.safeParse(input).success).toBe(false);
  });
});

describe('normalizeEmails', () => {
  it('drops e-mails that differ only in case', () => {
    expect(normalizeEmails(['A@x.ru', 'a@X.ru', 'b@x.ru'])).toEqual(['a@x.ru', 'b@x.ru']);
  });
});

import { describe, expect, it } from 'vitest';
import type { BlacklistEntry } from '@app/db';
import { domainsOf, matchingEntry, type SenderFacts } from './blacklist-matcher.js';

const INBOX = '0193a0b2-0000-7000-8000-000000000001';
const OTHER_INBOX = '0193a0b2-0000-7000-8000-000000000002';
const now = new Date('2025-06-13T12:00:00Z');

const entry = (kind: BlacklistEntry['kind'], value: string, extra: Partial<BlacklistEntry> = {}): BlacklistEntry => ({
  id: `${kind}-${value}`,
  kind,
  value,
  inboxId: null,
  reason: null,
  createdById: null,
  expiresAt: null,
  searchText: '',
  createdAt: now,
  updatedAt: now,
  ...extra,
});

const sender: SenderFacts = {
  inboxId: INBOX,
  contactId: 'contact-1',
  identityExternalId: 'tg-42',
  phones: ['+79120001122'],
  emails: ['spammer@mail.spam.example'],
  text: 'Лучшее казино в городе',
};

describe('matchingEntry', () => {
  it('matches a sender by identity, phone, e-mail, domain, contact or text pattern', () => {
    for (const e of [
      entry('identity', 'tg-42'),
      entry('phone', '+79120001122'),
      entry('email', 'spammer@mail.spam.example'),
      entry('domain', 'spam.example'),
      entry('contact', 'contact-1'),
      entry('pattern', 'КАЗИНО'),
      entry('pattern', '/казино\\s+в/'),
    ]) {
      expect(matchingEntry([e], sender, now)?.id, e.id).toBe(e.id);
    }
  });

  it('does not match other senders, other domains or other texts', () => {
    const entries = [entry('identity', 'tg-43'), entry('phone', '+79120001123'), entry('domain', 'example.org'), entry('pattern', 'ставки')];
    expect(matchingEntry(entries, sender, now)).toBeUndefined();
  });

  it('ignores entries of another inbox and expired entries, and keeps those expiring later', () => {
    expect(matchingEntry([entry('phone', '+79120001122', { inboxId: OTHER_INBOX })], sender, now)).toBeUndefined();
    expect(matchingEntry([entry('phone', '+79120001122', { expiresAt: new Date('2025-06-13T11:59:59Z') })], sender, now)).toBeUndefined();
    expect(matchingEntry([entry('phone', '+79120001122', { inboxId: INBOX, expiresAt: new Date('2025-06-14T00:00:00Z') })], sender, now)).toBeDefined();
  });
});

describe('domainsOf', () => {
  it('lists each e-mail domain with its parent domains', () => {
    expect(domainsOf(['a@mail.spam.example', 'b@spam.example'])).toEqual(['mail.spam.example', 'spam.example', 'example']);
  });
});

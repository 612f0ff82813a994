import type { BlacklistEntry } from '@app/db';
import { compileTextPattern, UnsafePatternError } from '../text-pattern.js';

/** What is known about the sender of one incoming message. */
export interface SenderFacts {
  inboxId: string;
  contactId: string;
  identityExternalId: string;
  /** E.164. */
  phones: string[];
  /** Lower case. */
  emails: string[];
  text: string | null;
}

/** `mail.spam.example` → the domain and its parents: mail.spam.example, spam.example, example. */
export function domainsOf(emails: string[]): string[] {
  const domains = new Set<string>();
  for (const email of emails) {
    const labels = email.split('@')[1]?.split('.') ?? [];
    for (let i = 0; i < labels.length; i++) domains.add(labels.slice(i).join('.'));
  }
  return [...domains];
}

export function isActive(entry: Pick<BlacklistEntry, 'expiresAt'>, now: Date): boolean {
  return entry.expiresAt === null || entry.expiresAt > now;
}

function matches(entry: BlacklistEntry, sender: SenderFacts, domains: string[]): boolean {
  switch (entry.kind) {
    case 'identity':
      return entry.value === sender.identityExternalId;
    case 'phone':
      return sender.phones.includes(entry.value);
    case 'email':
      return sender.emails.includes(entry.value);
    case 'domain':
      return domains.includes(entry.value);
    case 'contact':
      return entry.value === sender.contactId;
    case 'pattern':
      try {
        return compileTextPattern(entry.value).test(sender.text);
      } catch (error) {
        // Entries are checked when saved; one that no longer compiles blocks nobody.
        if (error instanceof UnsafePatternError) return false;
        throw error;
      }
  }
}

/** The first active entry of the sender's inbox (or global) that matches the sender or the message text. */
export function matchingEntry(entries: BlacklistEntry[], sender: SenderFacts, now: Date): BlacklistEntry | undefined {
  const domains = domainsOf(sender.emails);
  return entries.find((e) => (e.inboxId === null || e.inboxId === sender.inboxId) && isActive(e, now) && matches(e, sender, domains));
}

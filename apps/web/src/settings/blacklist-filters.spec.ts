import { describe, expect, it } from 'vitest';
import { blacklistQuery, GLOBAL_SCOPE, keepBlacklistEntry, NO_FILTERS } from './blacklist-filters.js';
import type { BlacklistEntry } from './settings-api.js';

const entry = (inboxId: string | null): BlacklistEntry => ({ id: 'e', kind: 'phone', value: '+79000000001', inboxId, reason: null, expiresAt: null, createdAt: '2026-01-01T00:00:00Z' });
const INBOX = '0190a0a0-0000-7000-8000-000000000001';

describe('blacklist filters', () => {
  it('sends no parameters and keeps every entry when nothing is chosen', () => {
    expect(blacklistQuery(NO_FILTERS)).toEqual({});
    expect(keepBlacklistEntry(NO_FILTERS)).toBeUndefined();
  });

  it('asks the route for kind, inbox and active when they are chosen', () => {
    expect(blacklistQuery({ kind: 'email', scope: INBOX, state: 'active' })).toEqual({ kind: 'email', inboxId: INBOX, active: 'true' });
    expect(blacklistQuery({ kind: '', scope: '', state: 'expired' })).toEqual({ active: 'false' });
  });

  it('keeps only the entries of every inbox when the global scope is chosen', () => {
    const filters = { ...NO_FILTERS, scope: GLOBAL_SCOPE };
    expect(blacklistQuery(filters)).toEqual({});
    const keep = keepBlacklistEntry(filters)!;
    expect([entry(null), entry(INBOX)].filter(keep)).toEqual([entry(null)]);
  });
});

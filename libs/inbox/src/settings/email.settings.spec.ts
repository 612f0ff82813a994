import { describe, expect, it } from 'vitest';
import { emailSettings } from './email.settings.js';
import { issuePaths } from './settings-test.util.js';

describe('email settings', () => {
  const { schema } = emailSettings;
  const server = { host: 'mail.example.com', port: 993, secure: true, user: 'support@example.com', password: 'p' };
  const valid = { imap: server, smtp: { ...server, port: 465 }, fromAddress: 'support@example.com' };

  it('accepts an IMAP and an SMTP server with a sender address, and an optional sender name', () => {
    expect(issuePaths(schema, valid)).toEqual([]);
    expect(issuePaths(schema, { ...valid, fromName: 'Служба поддержки' })).toEqual([]);
  });

  it('rejects missing servers, a bad port, a missing password and a bad sender address', () => {
    expect(issuePaths(schema, { fromAddress: 'support@example.com' })).toEqual(['imap', 'smtp']);
    expect(issuePaths(schema, { ...valid, imap: { ...server, port: 0 } })).toEqual(['imap.port']);
    expect(issuePaths(schema, { ...valid, smtp: { ...server, password: undefined } })).toEqual(['smtp.password']);
    expect(issuePaths(schema, { ...valid, fromAddress: 'not an address' })).toEqual(['fromAddress']);
    expect(issuePaths(schema, { ...valid, imap: { ...server, folder: 'INBOX' } })).toEqual(['imap']);
  });

  it('accepts how many days back the first sync reaches, from 0 to 365', () => {
    expect(issuePaths(schema, { ...valid, initialSyncDays: 30 })).toEqual([]);
    expect(issuePaths(schema, { ...valid, initialSyncDays: 0 })).toEqual([]);
    expect(issuePaths(schema, { ...valid, initialSyncDays: 366 })).toEqual(['initialSyncDays']);
    expect(issuePaths(schema, { ...valid, initialSyncDays: 1.5 })).toEqual(['initialSyncDays']);
  });

  it('declares both mailbox passwords secret', () => {
    expect(emailSettings.secretPaths).toEqual(['imap.password', 'smtp.password']);
  });
});

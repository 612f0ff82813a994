import { describe, expect, it } from 'vitest';
import { UnsubscribeTokens } from './unsubscribe-tokens.js';

const CONTACT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('UnsubscribeTokens', () => {
  const tokens = new UnsubscribeTokens('app-secret-0123456789abcdef0123456789');

  it('answers the contact id of a token it issued', () => {
    expect(tokens.verify(tokens.issue(CONTACT))).toBe(CONTACT);
  });

  it('refuses a token signed with another secret', () => {
    const other = new UnsubscribeTokens('another-secret-0123456789abcdef012345');
    expect(tokens.verify(other.issue(CONTACT))).toBeNull();
  });

  it('refuses a token whose contact id was changed', () => {
    const [version, , signature] = tokens.issue(CONTACT).split('.');
    const forged = Buffer.from('0190a1b2c3d47e5f8a9b0c1d2e3f4a5c', 'hex').toString('base64url');
    expect(tokens.verify(`${version}.${forged}.${signature}`)).toBeNull();
  });

  it('refuses malformed tokens', () => {
    for (const token of ['', 'u1', 'u1..', 'u2.abc.def', `${tokens.issue(CONTACT)}.extra`, 'x'.repeat(300)]) expect(tokens.verify(token)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { VisitorTokens } from './visitor-tokens.js';

const inboxId = '01900000-0000-7000-8000-0000000000aa';
const otherInboxId = '01900000-0000-7000-8000-0000000000bb';

describe('VisitorTokens', () => {
  const tokens = new VisitorTokens('test-app-secret-0123456789abcdef');

  it('verifies a token it issued and answers its visitor id', () => {
    const { visitorId, visitorToken } = tokens.issue(inboxId);
    expect(visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(tokens.verify(inboxId, visitorToken)).toEqual({ visitorId, visitorToken });
  });

  it('issues a different visitor every time', () => {
    expect(tokens.issue(inboxId).visitorId).not.toBe(tokens.issue(inboxId).visitorId);
  });

  it('refuses a token whose visitor id was changed, so nobody can take over another visitor', () => {
    const { visitorToken } = tokens.issue(inboxId);
    const [version, , signature] = visitorToken.split('.');
    const other = tokens.issue(inboxId).visitorId;
    expect(tokens.verify(inboxId, `${version}.${other}.${signature}`)).toBeNull();
  });

  it('refuses a token issued for another inbox', () => {
    expect(tokens.verify(otherInboxId, tokens.issue(inboxId).visitorToken)).toBeNull();
  });

  it('refuses a token signed with another APP_SECRET', () => {
    const foreign = new VisitorTokens('another-app-secret-0123456789abcdef').issue(inboxId).visitorToken;
    expect(tokens.verify(inboxId, foreign)).toBeNull();
  });

  it('refuses malformed tokens without throwing', () => {
    const { visitorToken } = tokens.issue(inboxId);
    for (const bad of [undefined, null, 42, '', 'v1', 'v1..', `v2${visitorToken.slice(2)}`, `${visitorToken}.extra`, 'x'.repeat(500)]) {
      expect(tokens.verify(inboxId, bad)).toBeNull();
    }
  });
});

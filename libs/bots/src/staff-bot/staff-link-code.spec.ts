import { describe, expect, it } from 'vitest';
import { staffLinkCode, userOfLinkCode } from './staff-link-code.js';

describe('staff bot link codes', () => {
  const userId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

  it('gives back the user of a code signed with the same secret, within Telegram\'s 64 characters', () => {
    const code = staffLinkCode(userId, 'secret-1');
    expect(code).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(userOfLinkCode(code, 'secret-1')).toBe(userId);
  });

  it('refuses a code signed with another secret or changed by hand', () => {
    const code = staffLinkCode(userId, 'secret-1');
    expect(userOfLinkCode(code, 'secret-2')).toBeNull();
    expect(userOfLinkCode(code.replace(/^0/, '1'), 'secret-1')).toBeNull();
    expect(userOfLinkCode('hello', 'secret-1')).toBeNull();
  });
});

import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('verifies the password a hash was made from', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
  });

  it('rejects a different password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });

  it('stores the scrypt parameters and a random salt, so equal passwords hash differently', async () => {
    const [first, second] = await Promise.all([hashPassword('same-password'), hashPassword('same-password')]);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('same-password', second)).toBe(true);
  });

  it('verifies a hash made with other scrypt parameters, reading them from the hash', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('older-cost', salt, 64, { N: 1024, r: 8, p: 1 });
    const stored = ['scrypt', 1024, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    expect(await verifyPassword('older-cost', stored)).toBe(true);
    expect(await verifyPassword('other', stored)).toBe(false);
  });

  it('answers false for a malformed or foreign hash instead of throwing', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$2b$10$abc')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$16384$8$1$')).toBe(false);
  });

  it('never accepts any password against the dummy hash used for unknown e-mails', async () => {
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('admin-password-1', DUMMY_HASH)).toBe(false);
  });
});

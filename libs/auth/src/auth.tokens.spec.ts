import { hkdfSync } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { describe, expect, it } from 'vitest';
import { jwtSecretFrom } from './auth.tokens.js';

const APP_SECRET = 'tokens-spec-secret-0123456789abcdef0123456789';

describe('jwtSecretFrom', () => {
  it('verifies tokens signed with the key as text before, so sessions survive an upgrade', () => {
    const asText = Buffer.from(hkdfSync('sha256', APP_SECRET, 'omnibox', 'jwt', 32)).toString('base64');
    const token = new JwtService({ secret: asText }).sign({ sub: 'user-1', role: 'agent', ver: 0 });
    expect(new JwtService({ secret: jwtSecretFrom(APP_SECRET) }).verify(token)).toMatchObject({ sub: 'user-1', role: 'agent', ver: 0 });
  });

  it('refuses a token signed with another application secret', () => {
    const token = new JwtService({ secret: jwtSecretFrom('another-secret-0123456789abcdef0123456789') }).sign({ sub: 'user-1' });
    expect(() => new JwtService({ secret: jwtSecretFrom(APP_SECRET) }).verify(token)).toThrow(/invalid signature/);
  });
});

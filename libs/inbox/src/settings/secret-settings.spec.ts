import { describe, expect, it } from 'vitest';
import { SecretBox } from '@app/common';
import { emailSettings } from './email.settings.js';
import { keepStoredSecrets, openSecrets, redactSecrets, sealSecrets } from './secret-settings.js';
import { telephonySettings } from './telephony.settings.js';

const box = new SecretBox('secret-settings-spec-app-secret');

describe('secret settings', () => {
  const email = {
    imap: { host: 'imap.example.com', port: 993, secure: true, user: 'u', password: 'imap-pass' },
    smtp: { host: 'smtp.example.com', port: 465, secure: true, user: 'u', password: 'smtp-pass' },
    fromAddress: 'support@example.com',
  };
  const telephony = { provider: 'zadarma', secret: 'hook-secret', credentials: { key: 'k1', userKey: 'k2' } };

  it('encrypts nested and free-form secrets and decrypts them back', () => {
    const sealed = sealSecrets(telephonySettings, telephony, box);
    expect(sealed.provider).toBe('zadarma');
    for (const value of [sealed.secret, ...Object.values(sealed.credentials as object)]) expect(SecretBox.isEncrypted(value)).toBe(true);
    expect(openSecrets(telephonySettings, sealed, box)).toEqual(telephony);
    expect(openSecrets(emailSettings, sealSecrets(emailSettings, email, box), box)).toEqual(email);
  });

  it('leaves a secret kept from the stored settings as it is and encrypts a new one', () => {
    const stored = sealSecrets(emailSettings, email, box);
    const changed = { ...stored, smtp: { ...(stored.smtp as object), password: 'new-smtp-pass' } };
    const sealed = sealSecrets(emailSettings, changed, box, stored);
    expect((sealed.imap as { password: string }).password).toBe((stored.imap as { password: string }).password);
    expect(box.decrypt((sealed.smtp as { password: string }).password)).toBe('new-smtp-pass');
  });

  it('encrypts a value that merely looks encrypted when it is not the stored one', () => {
    const lookalike = 'enc:v1:not.really.encrypted';
    const sealed = sealSecrets(telephonySettings, { ...telephony, secret: lookalike }, box);
    expect(box.decrypt(sealed.secret as string)).toBe(lookalike);
  });

  it('removes every secret for display and lists the ones that are set', () => {
    const { settings, secretFields } = redactSecrets(telephonySettings, sealSecrets(telephonySettings, telephony, box));
    expect(settings).toEqual({ provider: 'zadarma', credentials: {} });
    expect(secretFields).toEqual(['secret', 'credentials.key', 'credentials.userKey']);
    expect(redactSecrets(emailSettings, email).secretFields).toEqual(['imap.password', 'smtp.password']);
  });

  it('fills secrets left out of an update from the stored settings and removes those sent as null', () => {
    const stored = sealSecrets(telephonySettings, telephony, box);
    const merged = keepStoredSecrets(telephonySettings, { provider: 'mango', credentials: { key: 'k-new', userKey: null } }, stored);
    expect(merged).toEqual({ provider: 'mango', secret: stored.secret, credentials: { key: 'k-new' } });
  });

  it('does not change the settings it is given', () => {
    const incoming = { provider: 'mango', credentials: { userKey: null } };
    keepStoredSecrets(telephonySettings, incoming, sealSecrets(telephonySettings, telephony, box));
    expect(incoming).toEqual({ provider: 'mango', credentials: { userKey: null } });
  });
});

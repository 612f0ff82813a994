import { describe, expect, it } from 'vitest';
import { DomainException, SecretBox } from '@app/common';
import { InboxSettingsService } from './inbox-settings.service.js';

describe('InboxSettingsService', () => {
  const box = new SecretBox('inbox-settings-service-spec-secret');
  const service = new InboxSettingsService(box);

  it('generates the api webhook secret on create, stores it encrypted and reveals it once', async () => {
    const { stored, revealed } = await service.forCreate('api', { webhookSecret: 'client-chosen' });
    expect(revealed.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(SecretBox.isEncrypted(stored.webhookSecret)).toBe(true);
    expect(service.reveal('api', stored)).toEqual({ webhookSecret: revealed.webhookSecret });
  });

  it('generates the web chat widget token in plain text and reveals nothing', async () => {
    const { stored, revealed } = await service.forCreate('webchat', { allowedOrigins: [] });
    expect(stored.widgetToken).toEqual(expect.any(String));
    expect(SecretBox.isEncrypted(stored.widgetToken)).toBe(false);
    expect(revealed).toEqual({});
  });

  it('keeps generated values and omitted secrets on update', async () => {
    const { stored } = await service.forCreate('api', {});
    const updated = await service.forUpdate('api', { callbackUrl: 'https://x.example.com', webhookSecret: 'ignored' }, stored);
    expect(updated).toEqual({ callbackUrl: 'https://x.example.com', webhookSecret: stored.webhookSecret });
  });

  it('reports invalid settings as settings.<path>', async () => {
    const error = await service.forCreate('telegram', { mode: 'push' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).options.errors?.map((e) => e.field).sort()).toEqual(['settings.botToken', 'settings.mode']);
  });

  it('rotates only generated secrets', async () => {
    const { stored, revealed } = await service.forCreate('api', {});
    const rotated = service.rotate('api', stored);
    expect(rotated.revealed.webhookSecret).not.toBe(revealed.webhookSecret);
    expect(service.reveal('api', rotated.stored).webhookSecret).toBe(rotated.revealed.webhookSecret);
    expect(() => service.rotate('telegram', { botToken: box.encrypt('t') })).toThrow(DomainException);
  });
});

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

  describe('values the channel connection fills in', () => {
    const connectedTelegram = async () => {
      const { stored } = await service.forCreate('telegram', { botToken: '1:token', botId: 666, webhookSecret: 'client-chosen' });
      return service.withConnected('telegram', stored, { botId: 42, botUsername: 'shop_bot', mode: 'webhook', webhookSecret: 'from-connect' });
    };

    it('ignores a client\'s values for them and stores the connect answer with its secrets encrypted', async () => {
      const stored = await connectedTelegram();
      expect(stored).toMatchObject({ botId: 42, botUsername: 'shop_bot', mode: 'webhook' });
      expect(SecretBox.isEncrypted(stored.webhookSecret)).toBe(true);
      expect(service.reveal('telegram', stored)).toMatchObject({ botToken: '1:token', webhookSecret: 'from-connect' });
    });

    it('keeps them on an update that sends other values, and replaces all of them on the next connect', async () => {
      const stored = await connectedTelegram();
      const updated = await service.forUpdate('telegram', { mode: 'webhook', botId: 1, botUsername: 'evil', webhookSecret: null }, stored);
      expect(updated).toEqual(stored);
      const reconnected = await service.withConnected('telegram', updated, { botId: 43, mode: 'polling' });
      expect(reconnected).toEqual({ botToken: stored.botToken, botId: 43, mode: 'polling' });
    });

    it('tells a change of credentials or mode from a change of nothing the connection depends on', async () => {
      const stored = await connectedTelegram();
      const same = await service.forUpdate('telegram', { mode: 'webhook', botUsername: 'other' }, stored);
      expect(service.connectionChanged('telegram', stored, same)).toBe(false);
      expect(service.connectionChanged('telegram', stored, await service.forUpdate('telegram', { mode: 'polling' }, stored))).toBe(true);
      expect(service.connectionChanged('telegram', stored, await service.forUpdate('telegram', { mode: 'webhook', botToken: '2:new' }, stored))).toBe(true);
    });
  });

  it('rotates only generated secrets', async () => {
    const { stored, revealed } = await service.forCreate('api', {});
    const rotated = service.rotate('api', stored);
    expect(rotated.revealed.webhookSecret).not.toBe(revealed.webhookSecret);
    expect(service.reveal('api', rotated.stored).webhookSecret).toBe(rotated.revealed.webhookSecret);
    expect(() => service.rotate('telegram', { botToken: box.encrypt('t') })).toThrow(DomainException);
  });
});

import { describe, expect, it } from 'vitest';
import { draftFromSettings, settingsFromDraft, visibleFields, type ChannelDraft } from './channel-fields.js';

describe('inbox settings form values', () => {
  it('starts a new e-mail inbox with the usual ports and empty secrets', () => {
    const draft = draftFromSettings('email', null);
    expect(draft['imap.port']).toBe('993');
    expect(draft['smtp.port']).toBe('465');
    expect(draft['imap.secure']).toBe(true);
    expect(draft['imap.password']).toBe('');
  });

  it('builds nested settings with numbers and leaves out empty secrets so the stored ones stay', () => {
    const draft = { ...draftFromSettings('email', null), 'imap.host': ' imap.example.com ', 'imap.user': 'a@example.com', 'smtp.password': 'p' };
    const settings = settingsFromDraft('email', draft);
    expect(settings.imap).toEqual({ host: 'imap.example.com', port: 993, secure: true, user: 'a@example.com' });
    expect(settings.smtp).toMatchObject({ port: 465, password: 'p' });
  });

  it('keeps stored values the form does not show when it changes others', () => {
    const stored = { groupId: 5, mode: 'callback', apiBaseUrl: 'http://vk.test' };
    const draft: ChannelDraft = { ...draftFromSettings('vk', stored), groupId: '7' };
    expect(draft.accessToken).toBe('');
    expect(settingsFromDraft('vk', draft, stored)).toEqual({ groupId: 7, mode: 'callback', apiBaseUrl: 'http://vk.test' });
  });

  it('shows each sms provider its own credentials and drops the other provider\'s plain values', () => {
    const twilio = draftFromSettings('sms', null);
    expect(visibleFields('sms', twilio).map((f) => f.path)).toContain('credentials.accountSid');
    const generic = { ...twilio, provider: 'generic', sendUrl: 'http://gw.test/send', messagingServiceSid: 'MG1' };
    expect(visibleFields('sms', generic).map((f) => f.path)).not.toContain('credentials.accountSid');
    expect(settingsFromDraft('sms', generic)).toEqual({ provider: 'generic', sendUrl: 'http://gw.test/send' });
  });

  it('reads the web chat origins one a line and clears an emptied optional value', () => {
    const stored = { allowedOrigins: ['https://a.test'], greeting: 'Hi', widgetToken: 'tok' };
    const draft = { ...draftFromSettings('webchat', stored), allowedOrigins: 'https://a.test\n\n https://b.test ', greeting: '' };
    expect(settingsFromDraft('webchat', draft, stored)).toEqual({ allowedOrigins: ['https://a.test', 'https://b.test'], color: '#2f6fed', widgetToken: 'tok' });
  });
});

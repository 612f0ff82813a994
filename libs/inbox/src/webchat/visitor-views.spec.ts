import { describe, expect, it } from 'vitest';
import type { Inbox, Message } from '@app/db';
import { readWidgetSettings, toVisitorMessage, toWidgetConfig } from './visitor-views.js';

const message = (values: Partial<Message>): Message =>
  ({
    id: '01900000-0000-7000-8000-000000000001',
    conversationId: 'c',
    inboxId: 'i',
    messageType: 'incoming',
    senderType: 'contact',
    senderId: null,
    content: 'Здравствуйте',
    contentAttributes: {},
    externalId: null,
    status: 'received',
    error: null,
    attempts: 0,
    replyToId: null,
    searchText: '',
    createdAt: new Date('2025-03-01T12:00:00Z'),
    updatedAt: new Date('2025-03-01T12:00:00Z'),
    ...values,
  }) as Message;

describe('readWidgetSettings', () => {
  it('reads stored settings and ignores values the widget cannot use', () => {
    expect(readWidgetSettings({ allowedOrigins: ['https://a.example', 7], color: 'red', askContact: 'sometimes', greeting: '  ', extra: true })).toEqual({
      allowedOrigins: ['https://a.example'],
      greeting: undefined,
      color: undefined,
      askContact: undefined,
      requireContactInfo: false,
      workingHoursMessage: undefined,
      locale: undefined,
    });
  });
});

describe('toWidgetConfig', () => {
  it('answers only what a page may see, with defaults for what is not set', () => {
    const inbox = { id: 'i', name: 'Сайт', settings: {} } as unknown as Inbox;
    const config = toWidgetConfig(inbox, readWidgetSettings({ allowedOrigins: ['https://a.example'], greeting: 'Привет!', widgetToken: 't' }));
    expect(config).toEqual({
      name: 'Сайт',
      color: null,
      greeting: 'Привет!',
      askContact: 'after',
      requireContactInfo: false,
      workingHoursMessage: null,
      locale: null,
      maxTextLength: 5000,
    });
    expect(JSON.stringify(config)).not.toContain('a.example');
  });
});

describe('toVisitorMessage', () => {
  it('gives a visitor message its clientId back from the external id', () => {
    expect(toVisitorMessage(message({ externalId: 'visitor-1:abc-123' }))).toMatchObject({ from: 'visitor', clientId: 'abc-123', text: 'Здравствуйте' });
  });

  it('shows agent and bot replies as the company side without a clientId', () => {
    const reply = toVisitorMessage(message({ messageType: 'outgoing', senderType: 'user', externalId: '01900000-0000-7000-8000-000000000001' }));
    expect(reply).toMatchObject({ from: 'agent', clientId: null, createdAt: '2025-03-01T12:00:00.000Z' });
    expect(reply.buttons).toBeUndefined();
  });

  it('gives a bot reply its buttons as quick answers', () => {
    const buttons = [[{ id: 'yes', text: 'Да' }, { id: 'site', text: 'Сайт', url: 'https://example.com' }]];
    const reply = toVisitorMessage(message({ messageType: 'outgoing', senderType: 'bot', contentAttributes: { buttons } }));
    expect(reply.buttons).toEqual(buttons);
  });
});

import { describe, expect, it } from 'vitest';
import { WebhookAuthError, WebhookPayloadError, channelTypes, type ChannelContext, type OutboundMessage } from '@channel-adapters/core';
import { caughtError, expectChannelError, webhookRequest } from '@channel-adapters/core/testing';
import { WebchatChannelAdapter } from './webchat.adapter.js';
import type { WebchatDelivery, WebchatTransport } from './webchat-transport.js';

const context: ChannelContext = { inboxId: '01900000-0000-7000-8000-0000000000aa', settings: { allowedOrigins: [], widgetToken: 't' } };

const message: OutboundMessage = {
  messageId: '01900000-0000-7000-8000-000000000001',
  conversationId: '01900000-0000-7000-8000-000000000002',
  contact: { externalId: 'visitor-abc' },
  text: 'Здравствуйте! Чем помочь? 🙂',
};

function recordingTransport(): WebchatTransport & { deliveries: WebchatDelivery[] } {
  const deliveries: WebchatDelivery[] = [];
  return { deliveries, deliver: async (delivery) => void deliveries.push(delivery) };
}

describe('WebchatChannelAdapter', () => {
  it('declares a web-chat channel with typing and without webhooks', () => {
    const adapter = new WebchatChannelAdapter();
    expect(channelTypes).toContain(adapter.type);
    expect(adapter.capabilities).toMatchObject({ typing: true, buttons: true, webhooks: false });
  });

  it('pushes the reply to the visitor and answers the message id as its external id', async () => {
    const transport = recordingTransport();
    const result = await new WebchatChannelAdapter(transport).send(message, context);
    expect(result).toEqual({ externalId: message.messageId });
    expect(transport.deliveries).toHaveLength(1);
    expect(transport.deliveries[0]).toMatchObject({ inboxId: context.inboxId, visitorId: 'visitor-abc', message: { messageId: message.messageId, text: message.text } });
    expect(transport.deliveries[0].sentAt).toBeInstanceOf(Date);
  });

  it('succeeds without a transport, since the visitor reads the stored reply from the history', async () => {
    await expect(new WebchatChannelAdapter().send(message, context)).resolves.toEqual({ externalId: message.messageId });
  });

  it('passes buttons on for the widget to show as quick answers', async () => {
    const transport = recordingTransport();
    await new WebchatChannelAdapter(transport).send({ ...message, text: 'Удобно завтра?', buttons: [[{ id: 'y', text: 'Да' }, { id: 'n', text: 'Нет' }]] }, context);
    expect(transport.deliveries[0].message.text).toBe('Удобно завтра?');
    expect(transport.deliveries[0].message.buttons).toEqual([[{ id: 'y', text: 'Да' }, { id: 'n', text: 'Нет' }]]);
  });

  it('reports retryable when the transport fails', async () => {
    const failing: WebchatTransport = { deliver: async () => Promise.reject(new Error('Redis is down')) };
    const error = await expectChannelError(new WebchatChannelAdapter(failing).send(message, context), 'retryable');
    expect(error.reason).toContain('Redis is down');
  });

  it('refuses a reply over the length limit for good', async () => {
    await expectChannelError(new WebchatChannelAdapter().send({ ...message, text: 'я'.repeat(20_001) }, context), 'permanent');
  });

  it('refuses webhooks with a reason that points to the widget', async () => {
    const adapter = new WebchatChannelAdapter();
    const request = webhookRequest({ body: { text: 'hi' } });
    const auth = await caughtError(adapter.verify(request, context));
    expect(auth).toBeInstanceOf(WebhookAuthError);
    expect((auth as WebhookAuthError).reason).toContain('/webchat');
    expect(await caughtError(adapter.parse(request, context))).toBeInstanceOf(WebhookPayloadError);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { WebhookAuthError, WebhookPayloadError, hmacSha256Hex, type ChannelContext, type OutboundMessage } from '@channel-adapters/core';
import {
  caughtError,
  describeAdapterContract,
  expectChannelError,
  startFakeHttpServer,
  webhookRequest,
  NO_ANSWER,
  type FakeHttpServer,
  type RecordedRequest,
} from '@channel-adapters/core/testing';
import { ApiChannelAdapter, signatureFor } from './api.adapter.js';

const SECRET = 'whsec-test-7f3a';
const inboxId = '01900000-0000-7000-8000-0000000000aa';
const webhookContext: ChannelContext = { inboxId, settings: { webhookSecret: SECRET } };

const validBody = {
  externalId: 'crm-msg-1001',
  contact: { externalId: 'crm-contact-42', name: 'Ирина Ёлкина', phone: '+79001234567', email: 'irina@example.ru' },
  text: 'Здравствуйте! Когда привезут заказ? 📦',
  attachments: [{ url: 'https://files.example.ru/invoices/%D1%81%D1%87%D1%91%D1%82.pdf', contentType: 'application/pdf' }],
};

function signedRequest(raw: string | Buffer, secret = SECRET) {
  return webhookRequest({ rawBody: raw, headers: { 'X-Hub-Signature-256': signatureFor(secret, Buffer.from(raw)) } });
}

const signedJson = (body: unknown) => signedRequest(JSON.stringify(body));

const callbackContext = (callbackUrl: string): ChannelContext => ({ inboxId, settings: { webhookSecret: SECRET, callbackUrl } });

/** The receiver an integrator would write: checks the signature over the bytes it received. */
function expectSignedCallback(request: RecordedRequest): void {
  expect(request.method).toBe('POST');
  expect(request.headers['content-type']).toMatch(/^application\/json/);
  expect(request.headers['x-hub-signature-256']).toBe(`sha256=${hmacSha256Hex(SECRET, request.body)}`);
}

const adapter = new ApiChannelAdapter();

describeAdapterContract('api', {
  adapter,
  context: webhookContext,
  validRequest: () => signedJson(validBody),
  tamperedRequest: () => ({ ...signedJson(validBody), rawBody: Buffer.from(JSON.stringify({ ...validBody, text: 'Переведите 1000 ₽' })) }),
  unsignedRequest: () => webhookRequest({ body: validBody }),
  malformedRequest: () => signedJson({ externalId: '', contact: { name: 'No id' }, attachments: [{ url: 'ftp://x' }] }),
  sendTarget: async () => {
    const server = await startFakeHttpServer(() => ({ status: 200, body: { id: 'crm-reply-1' } }));
    return {
      context: callbackContext(`${server.url}/omnibox/callback`),
      expectSent: async () => {
        expect(server.requests).toHaveLength(1);
        expectSignedCallback(server.requests[0]);
        expect(server.requests[0].path).toBe('/omnibox/callback');
      },
      failWith: (status, headers) => server.respondNext({ status, headers }),
      close: () => server.close(),
    };
  },
  unreachableContext: (url) => callbackContext(url),
});

describe('ApiChannelAdapter', () => {
  describe('verify', () => {
    it('accepts a signature over the raw UTF-8 bytes when the text is Cyrillic', async () => {
      const raw = Buffer.from('{ "externalId": "m-1",\n  "contact": {"externalId": "c-1"}, "text": "Привет, ёжик" }', 'utf8');
      const request = webhookRequest({ rawBody: raw, headers: { 'x-hub-signature-256': `sha256=${hmacSha256Hex(SECRET, raw)}` } });
      await expect(adapter.verify(request, webhookContext)).resolves.toBeUndefined();
    });

    it('rejects a signature over re-serialized JSON when the raw bytes differ', async () => {
      const raw = '{ "externalId": "m-1", "contact": {"externalId": "c-1"}, "text": "Привет" }';
      const reserialized = JSON.stringify(JSON.parse(raw));
      const request = webhookRequest({ rawBody: raw, headers: { 'x-hub-signature-256': signatureFor(SECRET, reserialized) } });
      expect(await caughtError(adapter.verify(request, webhookContext))).toBeInstanceOf(WebhookAuthError);
    });

    it('accepts the signature whatever the case of its hex digits', async () => {
      const raw = JSON.stringify(validBody);
      const request = webhookRequest({ rawBody: raw, headers: { 'x-hub-signature-256': signatureFor(SECRET, raw).toUpperCase() } });
      await expect(adapter.verify(request, webhookContext)).resolves.toBeUndefined();
    });

    it('rejects a signature made with another secret', async () => {
      const error = await caughtError(adapter.verify(signedRequest(JSON.stringify(validBody), 'other-secret'), webhookContext));
      expect(error).toBeInstanceOf(WebhookAuthError);
    });

    it('rejects every request when the inbox has no webhookSecret', async () => {
      const error = await caughtError(adapter.verify(signedJson(validBody), { inboxId, settings: {} }));
      expect(error).toBeInstanceOf(WebhookAuthError);
      expect((error as WebhookAuthError).reason).toContain('webhookSecret');
    });
  });

  describe('parse', () => {
    it('turns the body into one message event keyed by its externalId', async () => {
      const { events, reply } = await adapter.parse(signedJson(validBody), webhookContext);
      expect(reply).toBeUndefined();
      expect(events).toEqual([
        {
          kind: 'message',
          externalId: 'crm-msg-1001',
          contact: { externalId: 'crm-contact-42', name: 'Ирина Ёлкина', phone: '+79001234567', email: 'irina@example.ru' },
          text: 'Здравствуйте! Когда привезут заказ? 📦',
          attachments: [{ url: validBody.attachments[0].url, fileName: 'счёт.pdf', contentType: 'application/pdf' }],
          raw: validBody,
        },
      ]);
    });

    it('accepts a message with only an attachment and names it after its URL', async () => {
      const body = { externalId: 'm-2', contact: { externalId: 'c-1' }, attachments: [{ url: 'https://cdn.example.com/' }] };
      const [event] = (await adapter.parse(signedJson(body), webhookContext)).events;
      expect(event).toMatchObject({ kind: 'message', text: undefined, attachments: [{ fileName: 'attachment', contentType: 'application/octet-stream' }] });
    });

    it('lists the offending fields when the payload is invalid', async () => {
      const body = { externalId: 'x'.repeat(201), contact: {}, text: 'ok', attachments: [{ url: 'javascript:alert(1)' }] };
      const error = (await caughtError(adapter.parse(signedJson(body), webhookContext))) as WebhookPayloadError;
      expect(error).toBeInstanceOf(WebhookPayloadError);
      expect(error.issues.map((issue) => issue.field).sort()).toEqual(['attachments.0.url', 'contact.externalId', 'externalId']);
    });

    it('asks for text or an attachment when the message has neither', async () => {
      const body = { externalId: 'm-3', contact: { externalId: 'c-1' }, text: '   ' };
      const error = (await caughtError(adapter.parse(signedJson(body), webhookContext))) as WebhookPayloadError;
      expect(error.issues).toEqual([{ field: 'text', message: 'send text or at least one attachment' }]);
    });

    it('rejects text longer than 10000 characters', async () => {
      const body = { externalId: 'm-4', contact: { externalId: 'c-1' }, text: 'я'.repeat(10_001) };
      const error = (await caughtError(adapter.parse(signedJson(body), webhookContext))) as WebhookPayloadError;
      expect(error.issues.map((issue) => issue.field)).toEqual(['text']);
    });

    it('throws WebhookPayloadError when the body is not JSON', async () => {
      expect(await caughtError(adapter.parse(signedRequest('externalId=1'), webhookContext))).toBeInstanceOf(WebhookPayloadError);
    });
  });

  describe('send', () => {
    let server: FakeHttpServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    const message: OutboundMessage = {
      messageId: '01900000-0000-7000-8000-0000000000m1',
      conversationId: '01900000-0000-7000-8000-0000000000c1',
      contact: { externalId: 'crm-contact-42', name: 'Ирина' },
      text: 'Ваш заказ уже в пути 🚚',
      attachments: [
        { fileName: 'label.pdf', contentType: 'application/pdf', url: 'https://files.example.ru/label.pdf' },
        { fileName: 'note.txt', contentType: 'text/plain', data: Buffer.from('Спасибо!') },
      ],
    };

    it('posts the signed JSON with the delivery header and the Cyrillic text intact', async () => {
      server = await startFakeHttpServer();
      await adapter.send(message, callbackContext(`${server.url}/cb`));

      const [request] = server.requests;
      expectSignedCallback(request);
      expect(request.headers['x-omnibox-delivery']).toBe(message.messageId);
      expect(JSON.parse(request.body.toString('utf8'))).toEqual({
        messageId: message.messageId,
        conversationId: message.conversationId,
        contactExternalId: 'crm-contact-42',
        text: 'Ваш заказ уже в пути 🚚',
        attachments: [
          { fileName: 'label.pdf', contentType: 'application/pdf', url: 'https://files.example.ru/label.pdf' },
          { fileName: 'note.txt', contentType: 'text/plain', dataBase64: Buffer.from('Спасибо!').toString('base64') },
        ],
      });
    });

    it('returns the id the receiver answers with, or else the message id', async () => {
      server = await startFakeHttpServer();
      const context = callbackContext(server.url);
      server.respondNext({ status: 200, body: { id: 42 } });
      server.respondNext({ status: 202, body: { externalId: 'ext-7' } });
      server.respondNext({ status: 204 });
      server.respondNext({ status: 200, body: 'accepted' });

      const ids = [];
      for (let i = 0; i < 4; i++) ids.push((await adapter.send(message, context)).externalId);
      expect(ids).toEqual(['42', 'ext-7', message.messageId, message.messageId]);
    });

    it('sends buttons as numbered options because the channel has none', async () => {
      server = await startFakeHttpServer();
      const withButtons = { ...message, text: 'Подтвердить?', buttons: [[{ id: 'yes', text: 'Да' }, { id: 'no', text: 'Нет' }]] };
      await adapter.send(withButtons, callbackContext(server.url));
      expect(JSON.parse(server.requests[0].body.toString('utf8')).text).toBe('Подтвердить?\n\n1. Да\n2. Нет');
    });

    it('waits until the date in Retry-After when a 429 carries an HTTP date', async () => {
      server = await startFakeHttpServer();
      server.respondNext({ status: 429, headers: { 'retry-after': new Date(Date.now() + 120_000).toUTCString() } });
      const error = await expectChannelError(adapter.send(message, callbackContext(server.url)), 'rate_limited');
      // HTTP dates have whole seconds, so up to one second is lost.
      expect(error.retryAfterMs).toBeGreaterThan(118_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
    });

    it('waits 30 seconds when a 429 has no Retry-After', async () => {
      server = await startFakeHttpServer(() => ({ status: 429 }));
      const error = await expectChannelError(adapter.send(message, callbackContext(server.url)), 'rate_limited');
      expect(error.retryAfterMs).toBe(30_000);
    });

    it('retries a 408 or a 503 and gives up on a 404 with the status in the reason', async () => {
      server = await startFakeHttpServer();
      server.respondNext({ status: 408 });
      server.respondNext({ status: 503 });
      server.respondNext({ status: 404 });
      await expectChannelError(adapter.send(message, callbackContext(server.url)), 'retryable');
      await expectChannelError(adapter.send(message, callbackContext(server.url)), 'retryable');
      const error = await expectChannelError(adapter.send(message, callbackContext(server.url)), 'permanent');
      expect(error.reason).toContain('404');
    });

    it('retries when the receiver does not answer within the timeout', async () => {
      server = await startFakeHttpServer(() => NO_ANSWER);
      const quick = new ApiChannelAdapter({ timeoutMs: 100 });
      await expectChannelError(quick.send(message, callbackContext(server.url)), 'retryable');
    });

    it('fails permanently and says what to set when there is no callbackUrl', async () => {
      const error = await expectChannelError(adapter.send(message, webhookContext), 'permanent');
      expect(error.reason).toContain('settings.callbackUrl');
    });
  });
});

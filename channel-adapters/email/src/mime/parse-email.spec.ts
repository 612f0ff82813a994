import { describe, expect, it } from 'vitest';
import type { InboundMessageEvent, InboundStatusEvent } from '@channel-adapters/core';
import { autoReply, bounceFor, composeEmail, legacyCharsetEmail, truncatedMultipart } from '../../../../test/support/email-messages.js';
import { emailToEvents, type EmailMessageAttributes } from './parse-email.js';

const OWN = 'support@shop.example';
const parse = (raw: Buffer) => emailToEvents(raw, { ownAddress: OWN });
const onlyMessage = async (raw: Buffer) => {
  const events = await parse(raw);
  expect(events).toHaveLength(1);
  expect(events[0].kind).toBe('message');
  return events[0] as InboundMessageEvent;
};
const attributesOf = (event: InboundMessageEvent) => event.attributes as unknown as EmailMessageAttributes;

describe('emailToEvents', () => {
  describe('Russian encodings', () => {
    for (const charset of ['windows-1251', 'koi8-r', 'utf-8'] as const) {
      it(`decodes the sender, the RFC 2047 subject and the body when they are in ${charset}`, async () => {
        const raw = legacyCharsetEmail({
          charset,
          from: 'ivan@customer.example',
          fromName: 'Иван Ёлкин',
          to: OWN,
          subject: 'Вопрос по заказу 15: доставка ёлки',
          text: 'Здравствуйте! Где мой заказ? Съешь же ещё этих мягких французских булок.',
        });
        const event = await onlyMessage(raw);
        expect(event.contact).toEqual({ externalId: 'ivan@customer.example', email: 'ivan@customer.example', name: 'Иван Ёлкин' });
        expect(attributesOf(event).email.subject).toBe('Вопрос по заказу 15: доставка ёлки');
        expect(event.text).toBe('Здравствуйте! Где мой заказ? Съешь же ещё этих мягких французских булок.');
      });
    }
  });

  it('keys the message by its Message-ID and threads a new e-mail under itself', async () => {
    const event = await onlyMessage(await composeEmail({ from: 'a@customer.example', to: OWN, subject: 'Новый вопрос', text: 'Привет', messageId: '<first@customer.example>' }));
    expect(event.externalId).toBe('<first@customer.example>');
    expect(event.threadKey).toBe('<first@customer.example>');
    expect(event.replyToExternalId).toBeUndefined();
  });

  it('threads a reply under the first message of its References and names the ids to look up, nearest first', async () => {
    const raw = await composeEmail({
      from: 'a@customer.example',
      to: OWN,
      subject: 'Re: Новый вопрос',
      text: 'Спасибо!',
      messageId: '<third@customer.example>',
      inReplyTo: '<second@shop.example>',
      references: ['<first@customer.example>', '<second@shop.example>'],
    });
    const event = await onlyMessage(raw);
    expect(event.threadKey).toBe('<first@customer.example>');
    expect(event.replyToExternalId).toBe('<second@shop.example>');
    expect(event.relatedExternalIds).toEqual(['<second@shop.example>', '<first@customer.example>']);
  });

  it('folds the quoted earlier message and the signature away from the visible text and keeps the whole text', async () => {
    const text = 'Да, адрес верный.\n\n-- \nИван Ёлкин\n+7 912 000-00-00\n\nВ письме от пн, 3 мар. 2025 г. в 10:00, Поддержка <support@shop.example> написал(а):\n> Подтвердите адрес доставки.';
    const event = await onlyMessage(await composeEmail({ from: 'ivan@customer.example', to: OWN, subject: 'Re: адрес', text }));
    expect(event.text).toBe('Да, адрес верный.');
    const { email } = attributesOf(event);
    expect(email.fullText).toBe(text);
    expect(email.quotedText).toContain('> Подтвердите адрес доставки.');
    expect(email.quotedText).toContain('Иван Ёлкин');
  });

  it('keeps sanitized HTML in the attributes and the text for the conversation', async () => {
    const html = '<p onclick="steal()">Здравствуйте!<script>alert(1)</script></p><img src="https://tracker.example/pixel.gif" onerror="alert(2)"><a href="javascript:alert(3)">ссылка</a>';
    const event = await onlyMessage(await composeEmail({ from: 'a@customer.example', to: OWN, subject: 'HTML', html }));
    const attributes = attributesOf(event);
    expect(attributes.html).not.toMatch(/script|onclick|onerror|javascript:|alert/);
    expect(attributes.html).toContain('data-remote-src="https://tracker.example/pixel.gif"');
    expect(attributes.email.remoteImages).toBe(1);
    expect(event.text).toContain('Здравствуйте!');
  });

  it('hands attachments over with their bytes and names', async () => {
    const pdf = Buffer.from('%PDF-1.4 счёт');
    const raw = await composeEmail({ from: 'a@customer.example', to: OWN, subject: 'Счёт', text: 'Во вложении', attachments: [{ filename: 'счёт №1.pdf', content: pdf, contentType: 'application/pdf' }] });
    const event = await onlyMessage(raw);
    expect(event.attachments).toEqual([{ fileName: 'счёт №1.pdf', contentType: 'application/pdf', sizeBytes: pdf.length, data: pdf }]);
  });

  it('lists inline images by Content-ID so the HTML can show the stored attachment', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const raw = await composeEmail({ from: 'a@customer.example', to: OWN, subject: 'Фото', html: '<p>Вот:</p><img src="cid:photo-1@customer">', attachments: [{ filename: 'photo.png', content: png, contentType: 'image/png', cid: 'photo-1@customer' }] });
    const event = await onlyMessage(raw);
    expect(attributesOf(event).html).toContain('data-cid="photo-1@customer"');
    expect(attributesOf(event).email.inlineImages).toEqual([{ cid: 'photo-1@customer', fileName: 'photo.png' }]);
  });

  it('marks mail sent from the inbox\'s own address as outgoing to its recipient', async () => {
    const event = await onlyMessage(await composeEmail({ from: OWN, to: 'Ivan <ivan@customer.example>', subject: 'Заказ', text: 'Ваш заказ готов' }));
    expect(event.outgoing).toBe(true);
    expect(event.contact).toMatchObject({ externalId: 'ivan@customer.example', name: 'Ivan' });
  });

  it('turns a delivery status notification into a failed status of the original message', async () => {
    const raw = bounceFor({ originalMessageId: '<reply-1@shop.example>', originalFrom: OWN, recipient: 'gone@customer.example', to: OWN });
    const events = await parse(raw);
    expect(events).toEqual([expect.objectContaining({ kind: 'status', externalId: '<reply-1@shop.example>', status: 'failed' })]);
    expect((events[0] as InboundStatusEvent).error).toContain('550 5.1.1');
    expect((events[0] as InboundStatusEvent).error).toContain('gone@customer.example');
  });

  for (const marker of ['auto-submitted', 'x-autoreply', 'x-autorespond', 'precedence'] as const) {
    it(`yields nothing for an auto-reply marked by ${marker}`, async () => {
      expect(await parse(await autoReply({ from: 'ivan@customer.example', to: OWN, marker }))).toEqual([]);
    });
  }

  it('keeps what could be read of a truncated multipart e-mail and warns about it', async () => {
    const event = await onlyMessage(truncatedMultipart({ from: 'ivan@customer.example', to: OWN, text: 'Договор во вложении' }));
    expect(event.text).toBe('Договор во вложении');
    expect(attributesOf(event).warnings).toEqual([expect.objectContaining({ code: 'mime_truncated' })]);
    expect(attributesOf(event).email.subject).toBe('Скан договора');
  });

  it('shows the raw body of a multipart e-mail without a boundary and warns about it', async () => {
    const raw = Buffer.from('From: ivan@customer.example\r\nSubject: broken\r\nContent-Type: multipart/mixed\r\n\r\n--zzz\r\nПривет, это текст\r\n');
    const event = await onlyMessage(raw);
    expect(event.text).toContain('Привет, это текст');
    expect(attributesOf(event).warnings).toEqual([expect.objectContaining({ code: 'mime_no_boundary' })]);
  });

  it('keys an e-mail without Message-ID by its bytes, the same each time', async () => {
    const raw = Buffer.from('From: ivan@customer.example\r\nSubject: no id\r\n\r\nТекст без идентификатора\r\n');
    const [first] = (await parse(raw)) as InboundMessageEvent[];
    const [again] = (await parse(raw)) as InboundMessageEvent[];
    expect(first.externalId).toMatch(/^<[0-9a-f]{64}@no-message-id\.invalid>$/);
    expect(again.externalId).toBe(first.externalId);
  });

  it('keeps a message without a sender under an unknown contact with a warning', async () => {
    const event = await onlyMessage(Buffer.from('Subject: кто это?\r\nMessage-ID: <anon@x>\r\n\r\nТекст\r\n'));
    expect(event.contact.externalId).toBe('unknown-sender');
    expect(attributesOf(event).warnings).toEqual([expect.objectContaining({ code: 'no_sender' })]);
  });
});

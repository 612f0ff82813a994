import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { ChannelConfigError, type ChannelContext, type InboundMessageEvent, type OutboundMessage, type PollResult } from '@channel-adapters/core';
import { caughtError, closedPortUrl, expectChannelError, startFakeHttpServer } from '@channel-adapters/core/testing';
import { dovecotSkipReason, startDovecot, type MailUser, type RunningDovecot } from '../../../test/support/dovecot.js';
import { composeEmail, newMessageId } from '../../../test/support/email-messages.js';
import { appendMail, capabilitiesOf, folderSources } from '../../../test/support/mailbox.js';
import { startSmtpPeer, type SmtpPeer } from '../../../test/support/smtp-peer.js';
import { EmailChannelAdapter } from './email.adapter.js';
import type { MailboxCursor } from './imap/mailbox-cursor.js';

const SUPPORT: MailUser = { user: 'support@shop.example', password: 'imap-secret-1' };
const CUSTOMER: MailUser = { user: 'ivan@customer.example', password: 'customer-secret' };
const DAY_MS = 24 * 60 * 60_000;

describe.skipIf(dovecotSkipReason())('EmailChannelAdapter against Dovecot and an SMTP server', () => {
  let dovecot: RunningDovecot;
  let smtp: SmtpPeer;
  const adapter = new EmailChannelAdapter({ maxWaitMs: 10_000, pollIntervalMs: 500, timeoutMs: 5_000 });
  let inboxCounter = 0;

  beforeAll(async () => {
    dovecot = await startDovecot([SUPPORT, CUSTOMER]);
    smtp = await startSmtpPeer({ accounts: [SUPPORT], deliverTo: { host: dovecot.host, port: dovecot.port, mailboxes: { [CUSTOMER.user]: CUSTOMER } } });
  });
  afterAll(async () => {
    await adapter.close();
    await smtp?.close();
    await dovecot?.stop();
  });

  const settingsFor = (imap: MailUser, overrides: { smtpPassword?: string; imapPort?: number } = {}) => ({
    imap: { host: dovecot.host, port: overrides.imapPort ?? dovecot.port, secure: false, user: imap.user, password: imap.password },
    smtp: { host: smtp.host, port: smtp.port, secure: false, user: SUPPORT.user, password: overrides.smtpPassword ?? SUPPORT.password },
    fromAddress: SUPPORT.user,
    fromName: 'Магазин',
  });
  /** Each test reads its own mailbox, so that their mail never mixes. */
  const freshMailbox = async (): Promise<{ user: MailUser; context: ChannelContext }> => {
    inboxCounter += 1;
    const user = { user: `box${inboxCounter}@shop.example`, password: `box-secret-${inboxCounter}` };
    await dovecot.setUser(user.user, user.password);
    return { user, context: { inboxId: `01900000-0000-7000-8000-0000000000${String(inboxCounter).padStart(2, '0')}`, settings: settingsFor(user) } };
  };
  const deliver = (user: MailUser, raw: Buffer, arrivedAt?: Date) => appendMail(dovecot, user, raw, { arrivedAt });
  const signal = () => new AbortController().signal;
  /** Polls until the cursor stops moving, collecting the events; the last poll waits at most briefly. */
  const pollAll = async (context: ChannelContext, cursor: unknown): Promise<{ events: InboundMessageEvent[]; cursor: unknown; progress: PollResult['progress'][] }> => {
    const events: InboundMessageEvent[] = [];
    const progress: PollResult['progress'][] = [];
    for (let round = 0; round < 20; round++) {
      const controller = new AbortController();
      const idle = setTimeout(() => controller.abort(), 300);
      const result = await adapter.poll(context, cursor, controller.signal);
      clearTimeout(idle);
      events.push(...(result.events as InboundMessageEvent[]));
      progress.push(result.progress);
      if (result.events.length === 0) return { events, cursor: result.cursor, progress };
      cursor = result.cursor;
    }
    throw new Error('the mailbox never ran dry');
  };

  describe('connect', () => {
    it('accepts settings both servers accept', async () => {
      await expect(adapter.connect({ inboxId: 'x', settings: settingsFor(SUPPORT) })).resolves.toEqual({});
    });

    it('names IMAP and the server\'s reason when the IMAP password is wrong', async () => {
      const error = await caughtError(adapter.connect({ inboxId: 'x', settings: settingsFor({ ...SUPPORT, password: 'wrong' }) }));
      expect(error).toBeInstanceOf(ChannelConfigError);
      expect((error as ChannelConfigError).reason).toMatch(/^IMAP login to 127\.0\.0\.1:\d+ failed: the server refused the user name or password/);
      expect((error as ChannelConfigError).reason).not.toContain('SMTP');
    });

    it('names SMTP when only the SMTP password is wrong', async () => {
      const error = (await caughtError(adapter.connect({ inboxId: 'x', settings: settingsFor(SUPPORT, { smtpPassword: 'wrong' }) }))) as ChannelConfigError;
      expect(error.reason).toMatch(/^SMTP login to 127\.0\.0\.1:\d+ failed: the server refused the user name or password/);
    });

    it('says the IMAP server cannot be reached when nothing listens on its port', async () => {
      const port = Number(new URL(await closedPortUrl()).port);
      const error = (await caughtError(adapter.connect({ inboxId: 'x', settings: settingsFor(SUPPORT, { imapPort: port }) }))) as ChannelConfigError;
      expect(error.reason).toContain('could not be reached (ECONNREFUSED)');
    });
  });

  describe('poll', () => {
    it('takes only the last seven days on the first sync and reports its progress', async () => {
      const { user, context } = await freshMailbox();
      await deliver(user, await composeEmail({ from: CUSTOMER.user, to: user.user, subject: 'Старое', text: 'месяц назад' }), new Date(Date.now() - 30 * DAY_MS));
      for (const n of [1, 2, 3]) await deliver(user, await composeEmail({ from: CUSTOMER.user, to: user.user, subject: `Свежее ${n}`, text: `письмо ${n}` }));
      const small = new EmailChannelAdapter({ batchSize: 2, pollIntervalMs: 500 });
      try {
        const first = await small.poll(context, undefined, signal());
        expect(first.events.map((e) => (e as InboundMessageEvent).text)).toEqual(['письмо 1', 'письмо 2']);
        expect(first.progress).toEqual({ done: 2, total: 3 });
        const second = await small.poll(context, first.cursor, signal());
        expect(second.events.map((e) => (e as InboundMessageEvent).text)).toEqual(['письмо 3']);
        expect(second.progress).toBeUndefined();
      } finally {
        await small.close();
      }
    });

    it('returns new mail as soon as it arrives while waiting in IDLE', async () => {
      const { user, context } = await freshMailbox();
      const { cursor } = await pollAll(context, undefined);
      const started = Date.now();
      const waiting = adapter.poll(context, cursor, signal());
      const messageId = newMessageId();
      // Delivered once the poll is waiting: the connection idles on the folder by then.
      setTimeout(() => void composeEmail({ from: CUSTOMER.user, to: user.user, subject: 'Новое', text: 'пришло во время IDLE', messageId }).then((raw) => deliver(user, raw)), 200);
      const result = await waiting;
      expect(result.events.map((e) => e.externalId)).toEqual([messageId]);
      expect(Date.now() - started).toBeLessThan(9_000);
    });

    it('asks for news periodically when the server does not offer IDLE', async () => {
      const plain = await startDovecot([SUPPORT], { idle: false });
      const context = { inboxId: 'no-idle', settings: { ...settingsFor(SUPPORT), imap: { host: plain.host, port: plain.port, secure: false, user: SUPPORT.user, password: SUPPORT.password } } };
      const asking = new EmailChannelAdapter({ pollIntervalMs: 300, maxWaitMs: 10_000 });
      try {
        expect(await capabilitiesOf(plain, SUPPORT)).not.toContain('IDLE');
        const first = await asking.poll(context, undefined, signal());
        const started = Date.now();
        const waiting = asking.poll(context, first.cursor, signal());
        const messageId = newMessageId();
        await appendMail(plain, SUPPORT, await composeEmail({ from: CUSTOMER.user, to: SUPPORT.user, subject: 'Без IDLE', text: 'сервер без IDLE', messageId }));
        // The wait ends at the next scheduled question, long before maxWaitMs runs out.
        const answered = await waiting;
        expect(Date.now() - started).toBeLessThan(5_000);
        const result = answered.events.length ? answered : await asking.poll(context, answered.cursor, signal());
        expect(result.events.map((e) => e.externalId)).toEqual([messageId]);
      } finally {
        await asking.close();
        await plain.stop();
      }
    });

    it('neither loses nor repeats mail when it continues from a stored cursor on a new connection', async () => {
      const { user, context } = await freshMailbox();
      await deliver(user, await composeEmail({ from: CUSTOMER.user, to: user.user, subject: 'A', text: 'первое' }));
      const first = await pollAll(context, undefined);
      await adapter.disconnect(context);
      await deliver(user, await composeEmail({ from: CUSTOMER.user, to: user.user, subject: 'B', text: 'второе' }));
      const second = await pollAll(context, JSON.parse(JSON.stringify(first.cursor)));
      expect(first.events.map((e) => e.text)).toEqual(['первое']);
      expect(second.events.map((e) => e.text)).toEqual(['второе']);
    });

    it('catches up again after the folder gets a new UIDVALIDITY, without losing the mail that came meanwhile', async () => {
      const { user, context } = await freshMailbox();
      const ids = [newMessageId(), newMessageId()];
      await deliver(user, await composeEmail({ from: CUSTOMER.user, to: user.user, subject: '1', text: 'один', messageId: ids[0] }));
      const before = await pollAll(context, undefined);
      const validity = (before.cursor as MailboxCursor).folders.INBOX.uidValidity;
      dovecot.renumberFolder(user.user);
      await deliver(user, await composeEmail({ from: CUSTOMER.user, to: user.user, subject: '2', text: 'два', messageId: ids[1] }));
      const after = await pollAll(context, before.cursor).catch(() => pollAll(context, before.cursor));
      expect((after.cursor as MailboxCursor).folders.INBOX.uidValidity).not.toBe(validity);
      // The first message comes again under its new UID (the core drops it by its Message-ID); the second is not lost.
      expect(after.events.map((e) => e.externalId)).toEqual(ids);
    });

    it('keeps an e-mail beyond the size limit by its headers with a warning, and goes on with the next', async () => {
      const { user, context } = await freshMailbox();
      const big = await composeEmail({ from: CUSTOMER.user, to: user.user, subject: 'Огромное письмо', text: 'x', attachments: [{ filename: 'big.bin', content: Buffer.alloc(64 * 1024, 7) }] });
      await deliver(user, big);
      await deliver(user, await composeEmail({ from: CUSTOMER.user, to: user.user, subject: 'Обычное', text: 'небольшое' }));
      const limited = new EmailChannelAdapter({ maxMessageBytes: 32 * 1024, pollIntervalMs: 500 });
      try {
        const { events } = await limited.poll(context, undefined, signal());
        const [huge, small] = events as InboundMessageEvent[];
        expect(huge).toMatchObject({ text: 'Огромное письмо', attachments: [] });
        expect(huge.attributes).toMatchObject({ warnings: [{ code: 'too_large' }] });
        expect(small.text).toBe('небольшое');
      } finally {
        await limited.close();
      }
    });

    it('reports a refused login as a config error', async () => {
      const { context } = await freshMailbox();
      const wrong = { ...context, settings: { ...context.settings, imap: { ...(context.settings.imap as object), password: 'changed' } } };
      const error = (await caughtError(adapter.poll(wrong, undefined, signal()))) as ChannelConfigError;
      expect(error).toBeInstanceOf(ChannelConfigError);
      expect(error.reason).toMatch(/^IMAP authentication failed: the server refused/);
    });

    it('reports an unreachable server as retryable', async () => {
      const { context } = await freshMailbox();
      const port = Number(new URL(await closedPortUrl()).port);
      const unreachable = { ...context, settings: { ...context.settings, imap: { ...(context.settings.imap as object), port } } };
      await expectChannelError(adapter.poll(unreachable, undefined, signal()), 'retryable');
    });
  });

  describe('send', () => {
    afterEach(() => void smtp.received.splice(0));

    const reply = (overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
      messageId: '01900000-0000-7000-8000-00000000a001',
      conversationId: '01900000-0000-7000-8000-00000000c001',
      contact: { externalId: CUSTOMER.user, name: 'Иван Ёлкин' },
      text: 'Здравствуйте, Иван!\n\nВаш заказ отправлен.',
      lastIncoming: {
        externalId: '<q2@customer.example>',
        attributes: { email: { messageId: '<q2@customer.example>', references: ['<q1@customer.example>'], subject: 'Вопрос о заказе' } },
      },
      ...overrides,
    });

    it('sends a threaded reply with text and HTML parts and keeps a copy in the Sent folder', async () => {
      const { externalId } = await adapter.send(reply({ attachments: [{ fileName: 'чек.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF чек') }] }), { inboxId: 'x', settings: settingsFor(SUPPORT) });
      expect(externalId).toBe('<01900000-0000-7000-8000-00000000a001@shop.example>');

      const received = await smtp.waitFor((mail) => mail.to.includes(CUSTOMER.user));
      expect(received.from).toBe(SUPPORT.user);
      const mail = await simpleParser(received.raw);
      expect(mail.messageId).toBe(externalId);
      expect(mail.subject).toBe('Re: Вопрос о заказе');
      expect(mail.inReplyTo).toBe('<q2@customer.example>');
      expect(mail.references).toEqual(['<q1@customer.example>', '<q2@customer.example>']);
      expect(mail.from?.value).toEqual([{ name: 'Магазин', address: 'support@shop.example' }]);
      expect(mail.text?.trim()).toBe('Здравствуйте, Иван!\n\nВаш заказ отправлен.');
      expect(mail.html).toContain('<p>Здравствуйте, Иван!</p><p>Ваш заказ отправлен.</p>');
      expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['чек.pdf', '%PDF чек']]);

      const sentCopy = await folderSources(dovecot, SUPPORT, 'Sent');
      expect(sentCopy.map((raw) => raw.equals(received.raw))).toContain(true);
      // The customer's mail server put it into their mailbox.
      expect((await folderSources(dovecot, CUSTOMER, 'INBOX')).some((raw) => raw.equals(received.raw))).toBe(true);
    });

    it('fetches an attachment given by URL into the e-mail, and refuses one on the server\'s own network', async () => {
      const files = await startFakeHttpServer(() => ({ status: 200, headers: { 'content-type': 'application/pdf' }, body: '%PDF счёт по ссылке' }));
      try {
        const byUrl = reply({ attachments: [{ fileName: 'счёт.pdf', contentType: 'application/pdf', url: `${files.url}/invoice.pdf` }] });
        const trusting = new EmailChannelAdapter({ allowPrivateAttachmentUrls: true });
        await trusting.send(byUrl, { inboxId: 'x', settings: settingsFor(SUPPORT) });
        const mail = await simpleParser((await smtp.waitFor()).raw);
        expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['счёт.pdf', '%PDF счёт по ссылке']]);
        const error = await expectChannelError(adapter.send(byUrl, { inboxId: 'x', settings: settingsFor(SUPPORT) }), 'permanent');
        expect(error.reason).toContain('счёт.pdf');
      } finally {
        await files.close();
      }
    });

    it('takes the subject from the text when there is no e-mail to answer', async () => {
      await adapter.send(reply({ lastIncoming: undefined, text: 'Напоминание об оплате\nСчёт во вложении.' }), { inboxId: 'x', settings: settingsFor(SUPPORT) });
      const mail = await simpleParser((await smtp.waitFor()).raw);
      expect(mail.subject).toBe('Напоминание об оплате');
      expect(mail.inReplyTo).toBeUndefined();
    });

    it('fails for good on a rejection and retries a temporary refusal', async () => {
      smtp.rejectNext(550, 'Mailbox unavailable');
      const rejected = await expectChannelError(adapter.send(reply(), { inboxId: 'x', settings: settingsFor(SUPPORT) }), 'permanent');
      expect(rejected.reason).toContain('550');
      smtp.rejectNext(451, 'Try again later');
      await expectChannelError(adapter.send(reply(), { inboxId: 'x', settings: settingsFor(SUPPORT) }), 'retryable');
    });

    it('retries when the SMTP server cannot be reached and fails for good without a recipient address', async () => {
      const port = Number(new URL(await closedPortUrl()).port);
      const settings = { ...settingsFor(SUPPORT), smtp: { ...settingsFor(SUPPORT).smtp, port } };
      await expectChannelError(adapter.send(reply(), { inboxId: 'x', settings }), 'retryable');
      const error = await expectChannelError(adapter.send(reply({ contact: { externalId: 'tg:12345' } }), { inboxId: 'x', settings: settingsFor(SUPPORT) }), 'permanent');
      expect(error.reason).toContain('no e-mail address');
    });
  });
});

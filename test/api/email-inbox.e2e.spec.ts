import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { inboxes, messages, openDatabase, type Message } from '@app/db';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { dovecotSkipReason, startDovecot, type MailUser, type RunningDovecot } from '../support/dovecot.js';
import { autoReply, bounceFor, composeEmail, legacyCharsetEmail, newMessageId, truncatedMultipart } from '../support/email-messages.js';
import { appendMail, folderSources } from '../support/mailbox.js';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SUPPORT: MailUser = { user: 'support@shop.example', password: 'support-imap-1' };
const SALES: MailUser = { user: 'sales@shop.example', password: 'sales-old-1' };
const IVAN: MailUser = { user: 'ivan@customer.example', password: 'ivan-mail-1' };
const DAY_MS = 24 * 60 * 60_000;

/** Bounded polling of an observable condition; answers its last value once it holds. */
async function waitUntil<T>(read: () => Promise<T>, holds: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms; last seen: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(dovecotSkipReason())('e-mail inboxes against Dovecot and an SMTP server', () => {
  let dovecot: RunningDovecot;
  let smtp: SmtpPeer;
  let dir: string;
  let t: TestApp;
  let admin: string;
  let agent: { id: string; token: string };
  let socket: AgentClient;
  let inboxId: string;
  let ivanConversationId: string;
  let ivanFirstMessageId: string;

  const startApp = async () => startTestApp({ database: await openDatabase({ pgliteDataDir: join(dir, 'pglite') }), env: { DATA_DIR: dir } });
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const settingsOf = (box: MailUser, imapPassword = box.password) => ({
    imap: { host: dovecot.host, port: dovecot.port, secure: false, user: box.user, password: imapPassword },
    smtp: { host: smtp.host, port: smtp.port, secure: false, user: box.user, password: box.password },
    fromAddress: box.user,
    fromName: 'Магазин «Ромашка»',
  });
  const inboxView = async (id: string) => (await t.http().get(`/api/inboxes/${id}`).set(auth(admin)).expect(200)).body;
  const incoming = (id: string) => t.db.select().from(messages).where(and(eq(messages.inboxId, id), eq(messages.messageType, 'incoming')));
  const deliver = async (raw: Buffer, to: MailUser = SUPPORT) => appendMail(dovecot, to, raw);
  const connectSocket = async () => (socket = await connectAgent(await t.listen(), agent.token, { lastEventId: socket?.lastEventId() }));
  const replyAsAgent = async (conversationId: string, text: string) =>
    (await t.http().post(`/api/conversations/${conversationId}/messages`).set(auth(agent.token)).send({ text }).expect(201)).body as { id: string };
  const sentMessage = async (messageId: string) =>
    (await socket.waitFor('message.updated', (e) => e.payload.id === messageId && e.payload.status === 'sent')).payload;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'omnibox-email-'));
    dovecot = await startDovecot([SUPPORT, SALES, IVAN]);
    smtp = await startSmtpPeer({ accounts: [SUPPORT, SALES], deliverTo: { host: dovecot.host, port: dovecot.port, mailboxes: { [IVAN.user]: IVAN } } });
    t = await startApp();
    admin = await t.adminToken();
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
    await smtp?.close();
    await dovecot?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to save a mailbox whose IMAP password is wrong, naming IMAP and the reason', async () => {
    const response = await t.http().post('/api/inboxes').set(auth(admin)).send({ type: 'email', name: 'Поддержка', settings: settingsOf(SUPPORT, 'wrong-password') }).expect(400);
    expect(response.body.code).toBe('channel_config_invalid');
    expect(response.body.message).toContain('IMAP login to 127.0.0.1');
    expect(response.body.message).toContain('refused the user name or password');
    expect(response.body.message).not.toContain('SMTP');
    const list = (await t.http().get('/api/inboxes?type=email').set(auth(admin)).expect(200)).body;
    expect(list.items).toEqual([]);
  });

  it('connects a mailbox and takes only the last seven days of mail on the first sync', async () => {
    await appendMail(dovecot, SUPPORT, await composeEmail({ from: IVAN.user, to: SUPPORT.user, subject: 'Старое письмо', text: 'Это было месяц назад' }), { arrivedAt: new Date(Date.now() - 30 * DAY_MS) });
    ivanFirstMessageId = newMessageId();
    await deliver(await composeEmail({ from: IVAN.user, fromName: 'Иван Ёлкин', to: SUPPORT.user, subject: 'Где мой заказ?', text: 'Здравствуйте! Заказ 15 ещё не пришёл.', messageId: ivanFirstMessageId }));

    const created = await t.http().post('/api/inboxes').set(auth(admin)).send({ type: 'email', name: 'Поддержка', settings: settingsOf(SUPPORT) }).expect(201);
    inboxId = created.body.id;
    expect(created.body.secretFields).toEqual(['imap.password', 'smtp.password']);
    const [first] = await waitUntil(() => incoming(inboxId), (rows) => rows.length > 0, 'the first sync');
    expect(first).toMatchObject({ externalId: ivanFirstMessageId, content: 'Здравствуйте! Заказ 15 ещё не пришёл.' });
    ivanConversationId = first.conversationId;
    const view = await waitUntil(() => inboxView(inboxId), (v) => v.syncStatus === 'ok' && v.syncProgress === null, 'the sync to be ok');
    expect(view).toMatchObject({ lastError: null, syncStopped: false });
    expect((await incoming(inboxId)).map((m) => m.content)).toEqual(['Здравствуйте! Заказ 15 ещё не пришёл.']);
  });

  it('delivers mail arriving while the connection idles to a connected agent, decoding Russian charsets', async () => {
    agent = await t.createUser('agent', { inboxIds: [inboxId] });
    await connectSocket();
    const texts = { 'windows-1251': 'Оплатил картой, пришлите чек.', 'koi8-r': 'Съешь же ещё этих мягких булок.', 'utf-8': 'Ёжик в тумане — это про доставку? 🚚' } as const;
    for (const [charset, text] of Object.entries(texts) as Array<[keyof typeof texts, string]>) {
      await deliver(legacyCharsetEmail({ charset, from: `${charset}@customer.example`, fromName: 'Пётр Щукин', to: SUPPORT.user, subject: `Письмо в кодировке ${charset}`, text }));
      const created = await socket.waitFor('message.created', (e) => e.payload.content === text);
      expect(created.inboxId).toBe(inboxId);
      expect(created.payload.contentAttributes).toMatchObject({ email: { subject: `Письмо в кодировке ${charset}`, from: `${charset}@customer.example` } });
    }
  });

  it('sends the agent\'s reply in the customer\'s thread and joins the customer\'s answer to the same conversation', async () => {
    const reply = await replyAsAgent(ivanConversationId, 'Иван, заказ передан курьеру.\nОн приедет завтра.');
    const sent = await sentMessage(reply.id);
    const mail = await smtp.waitFor((m) => m.to.includes(IVAN.user));
    const parsed = await simpleParser(mail.raw);
    expect(sent.status).toBe('sent');
    expect(parsed.messageId).toBe(`<${reply.id}@shop.example>`);
    expect((await t.db.select().from(messages).where(eq(messages.id, reply.id)))[0].externalId).toBe(parsed.messageId);
    expect(parsed.subject).toBe('Re: Где мой заказ?');
    expect(parsed.inReplyTo).toBe(ivanFirstMessageId);
    expect(parsed.references).toBe(ivanFirstMessageId);
    expect(parsed.text?.trim()).toBe('Иван, заказ передан курьеру.\nОн приедет завтра.');
    expect(parsed.html).toContain('Иван, заказ передан курьеру.<br>Он приедет завтра.');
    expect((await folderSources(dovecot, SUPPORT, 'Sent')).some((raw) => raw.equals(mail.raw))).toBe(true);

    // Ivan answers from his mail client: the reply lies in his INBOX as his server delivered it.
    const received = (await folderSources(dovecot, IVAN, 'INBOX')).find((raw) => raw.equals(mail.raw));
    expect(received).toBeDefined();
    const answer = await composeEmail({ from: IVAN.user, to: SUPPORT.user, subject: `Re: ${parsed.subject}`, text: 'Спасибо, жду!', inReplyTo: parsed.messageId, references: [ivanFirstMessageId, parsed.messageId!] });
    await deliver(answer);
    expect((await socket.waitFor('message.created', (e) => e.payload.content === 'Спасибо, жду!')).conversationId).toBe(ivanConversationId);

    // A client that sends In-Reply-To alone still lands in the conversation.
    await deliver(await composeEmail({ from: IVAN.user, to: SUPPORT.user, subject: 'Re: Где мой заказ?', text: 'И ещё вопрос по оплате', inReplyTo: parsed.messageId }));
    expect((await socket.waitFor('message.created', (e) => e.payload.content === 'И ещё вопрос по оплате')).conversationId).toBe(ivanConversationId);

    // A new subject from the same sender is a new conversation.
    await deliver(await composeEmail({ from: IVAN.user, to: SUPPORT.user, subject: 'Возврат товара', text: 'Хочу вернуть чайник' }));
    const other = await socket.waitFor('message.created', (e) => e.payload.content === 'Хочу вернуть чайник');
    expect(other.conversationId).not.toBe(ivanConversationId);
  });

  it('marks the reply failed with the server\'s reason when a bounce comes back', async () => {
    const reply = await replyAsAgent(ivanConversationId, 'Уточните, пожалуйста, адрес.');
    await sentMessage(reply.id);
    const externalId = `<${reply.id}@shop.example>`;
    await deliver(bounceFor({ originalMessageId: externalId, originalFrom: SUPPORT.user, recipient: IVAN.user, to: SUPPORT.user }));
    const failed = await socket.waitFor('message.updated', (e) => e.payload.id === reply.id && e.payload.status === 'failed');
    expect(failed.payload.error).toContain('550 5.1.1');
    expect(failed.payload.error).toContain(IVAN.user);
  });

  it('does not take an auto-reply for a customer message', async () => {
    const before = (await incoming(inboxId)).length;
    for (const marker of ['auto-submitted', 'x-autoreply', 'x-autorespond', 'precedence'] as const) {
      await deliver(await autoReply({ from: IVAN.user, to: SUPPORT.user, marker, inReplyTo: ivanFirstMessageId }));
    }
    await deliver(await composeEmail({ from: IVAN.user, to: SUPPORT.user, subject: 'После отпуска', text: 'Я вернулся из отпуска' }));
    await socket.waitFor('message.created', (e) => e.payload.content === 'Я вернулся из отпуска');
    const rows = await incoming(inboxId);
    expect(rows).toHaveLength(before + 1);
    expect(rows.some((m) => m.content?.includes('в отпуске до понедельника'))).toBe(false);
  });

  it('stores a malformed e-mail with what could be read and a warning, and keeps syncing', async () => {
    await deliver(truncatedMultipart({ from: IVAN.user, to: SUPPORT.user, text: 'Скан договора во вложении' }));
    await deliver(await composeEmail({ from: IVAN.user, to: SUPPORT.user, subject: 'Следом', text: 'Письмо после битого' }));
    const broken = await socket.waitFor('message.created', (e) => e.payload.content === 'Скан договора во вложении');
    expect(broken.payload.contentAttributes.warnings).toEqual([expect.objectContaining({ code: 'mime_truncated' })]);
    await socket.waitFor('message.created', (e) => e.payload.content === 'Письмо после битого');
  });

  it('sanitizes an e-mail\'s HTML before any browser sees it', async () => {
    const html = '<p onmouseover="steal()">Посмотрите <a href="javascript:alert(1)">сюда</a></p><script>alert(document.cookie)</script><img src="https://tracker.example/open.gif" onerror="alert(2)"><iframe src="https://evil.example"></iframe>';
    await deliver(await composeEmail({ from: IVAN.user, to: SUPPORT.user, subject: 'HTML', html }));
    const created = await socket.waitFor('message.created', (e) => String(e.payload.content).startsWith('Посмотрите'));
    const stored = String(created.payload.contentAttributes.html);
    expect(stored).not.toMatch(/<script|onmouseover|onerror|javascript:|<iframe|alert/i);
    expect(stored).toContain('data-remote-src="https://tracker.example/open.gif"');
    expect(stored).not.toMatch(/\ssrc="https:\/\/tracker/);
  });

  it('stores a 10 MB attachment and serves it back byte for byte', async () => {
    const file = randomBytes(10 * 1024 * 1024);
    await deliver(await composeEmail({ from: IVAN.user, to: SUPPORT.user, subject: 'Фотографии', text: 'Архив с фото', attachments: [{ filename: 'фото.zip', content: file, contentType: 'application/zip' }] }));
    const created = await socket.waitFor('message.created', (e) => e.payload.content === 'Архив с фото', 30_000);
    const [attachment] = created.payload.attachments;
    expect(attachment).toMatchObject({ fileName: 'фото.zip', sizeBytes: file.length });
    const download = await t.http().get(`/api/attachments/${attachment.id}`).set(auth(agent.token)).buffer(true).expect(200);
    expect(sha256(download.body as Buffer)).toBe(sha256(file));
  });

  it('neither loses nor repeats mail across a restart', async () => {
    socket.close();
    await t.close();
    const whileDown = newMessageId();
    await deliver(await composeEmail({ from: IVAN.user, to: SUPPORT.user, subject: 'Пока вы спали', text: 'Письмо, пока сервер был выключен', messageId: whileDown }));
    t = await startApp();
    admin = await t.adminToken();
    await connectSocket();
    await socket.waitFor('message.created', (e) => e.payload.content === 'Письмо, пока сервер был выключен');
    expectNoDuplicates(await incoming(inboxId));
  });

  it('handles a new UIDVALIDITY of the folder without losing or repeating mail', async () => {
    const before = await incoming(inboxId);
    const validity = (await syncCursorOf(inboxId)).uidValidity;
    dovecot.renumberFolder(SUPPORT.user);
    await deliver(await composeEmail({ from: IVAN.user, to: SUPPORT.user, subject: 'После перенумерации', text: 'Письмо после смены UIDVALIDITY' }));
    await socket.waitFor('message.created', (e) => e.payload.content === 'Письмо после смены UIDVALIDITY');
    await waitUntil(() => syncCursorOf(inboxId), (cursor) => cursor.uidValidity !== validity, 'the new UIDVALIDITY in the cursor');
    const after = await incoming(inboxId);
    expectNoDuplicates(after);
    expect(after).toHaveLength(before.length + 1);
  });

  it('stops after a bounded number of refused logins with "authentication failed" on the inbox, and resumes with the new password', async () => {
    const created = await t.http().post('/api/inboxes').set(auth(admin)).send({ type: 'email', name: 'Продажи', settings: settingsOf(SALES) }).expect(201);
    const salesId = created.body.id as string;
    await waitUntil(() => inboxView(salesId), (v) => v.syncStatus === 'ok', 'the sales mailbox to sync');

    // The password changes at the mail provider, which ends the open sessions.
    await dovecot.setUser(SALES.user, 'sales-new-22');
    const failedBefore = dovecot.failedLogins(SALES.user);
    dovecot.kick(SALES.user);
    const stopped = await waitUntil(() => inboxView(salesId), (v) => v.syncStopped === true, 'the sync to stop');
    expect(stopped).toMatchObject({ syncStatus: 'auth_failed', lastError: expect.stringContaining('IMAP authentication failed') });
    expect(dovecot.failedLogins(SALES.user) - failedBefore).toBe(3);
    const [row] = await t.db.select().from(inboxes).where(eq(inboxes.id, salesId));
    expect(row.syncState.leaseOwner).toBeNull();

    // The administrator enters the new password: the save checks it and the sync resumes.
    await t.http().patch(`/api/inboxes/${salesId}`).set(auth(admin)).send({ settings: settingsOf(SALES, 'sales-new-22') }).expect(200);
    const resumed = await waitUntil(() => inboxView(salesId), (v) => v.syncStatus === 'ok', 'the sync to resume');
    expect(resumed).toMatchObject({ syncStopped: false, lastError: null });
  });

  function expectNoDuplicates(rows: Message[]) {
    const ids = rows.map((m) => m.externalId);
    expect(new Set(ids).size).toBe(ids.length);
  }

  async function syncCursorOf(id: string): Promise<{ uidValidity: string; lastUid: number }> {
    const [row] = await t.db.select().from(inboxes).where(eq(inboxes.id, id));
    return (row.syncState.cursor as { folders: Record<string, { uidValidity: string; lastUid: number }> }).folders.INBOX;
  }
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { createApiInbox, signature, type ApiInbox } from '../support/api-channel.js';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../support/fakes/telegram-bot-api.js';
import * as tg from '../support/fakes/telegram-updates.js';
import { ami } from '../support/fakes/telephony-pbx.js';
import { FUZZ_SEED, anyJson, fuzzParameters, hostileString, mutatedJson, rawBody } from '../support/fuzz.js';
import { reportReliability } from '../support/reliability-report.js';
import { createTelegramInbox, type TelegramInbox } from '../support/telegram-channel.js';
import { connectVisitor, type VisitorClient } from '../support/visitor-socket.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const RUNS = 100;
const hmac = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** A refused webhook answers a 4xx with the JSON error shape; nothing a sender does may cause a 500. */
function expectHandled(res: Response): void {
  if (res.status >= 500) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  if (res.status >= 400) {
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(typeof res.body.code).toBe('string');
    expect(typeof res.body.message).toBe('string');
  }
}

describe(`webhook routes fed hostile payloads (fast-check seed ${FUZZ_SEED})`, () => {
  let t: TestApp;
  let fake: FakeTelegramBotApi;
  let apiInbox: ApiInbox;
  let telegram: TelegramInbox;
  let sms: { id: string; secret: string };
  let pbx: string;
  let baseUrl: string;
  let widget: { token: string; origin: string };
  const PBX_SECRET = 'pbx-fuzz-secret';
  let cases = 0;
  /** `${inboxId}:${status}` → answers: the properties must reach both the stored and the refused paths. */
  const statuses = new Map<string, number>();
  const reached = (inboxId: string, status: number) => {
    const count = statuses.get(`${inboxId}:${status}`) ?? 0;
    if (count === 0) console.log(`no ${status} from ${inboxId}; answers: ${JSON.stringify([...statuses])}`);
    return count;
  };

  beforeAll(async () => {
    fake = await startFakeTelegramBotApi();
    t = await startTestApp({ env: { PUBLIC_URL: 'https://inbox.example.com' } });
    baseUrl = await t.listen();
    const admin = await t.adminToken();
    apiInbox = await createApiInbox(t, admin);
    telegram = await createTelegramInbox(t, admin, fake);
    const smsRes = await t
      .http()
      .post('/api/inboxes')
      .set('Authorization', `Bearer ${admin}`)
      .send({ type: 'sms', name: 'Шлюз', settings: { provider: 'generic', sendUrl: 'https://gateway.example.com/send', inbound: { from: 'sender.phone', text: 'message.text', id: 'message.id', status: 'report.state' } } })
      .expect(201);
    sms = { id: smsRes.body.id, secret: smsRes.body.webhookSecret };
    const pbxRes = await t.http().post('/api/inboxes').set('Authorization', `Bearer ${admin}`).send({ type: 'telephony', name: 'АТС', settings: { provider: 'asterisk', secret: PBX_SECRET } }).expect(201);
    pbx = pbxRes.body.id;
    const origin = 'https://shop.example.com';
    const chat = await t.http().post('/api/inboxes').set('Authorization', `Bearer ${admin}`).send({ type: 'webchat', name: 'Чат', settings: { allowedOrigins: [origin] } }).expect(201);
    widget = { token: chat.body.settings.widgetToken, origin };
  }, 180_000);
  afterAll(async () => {
    reportReliability('fuzz: webhook routes', { fuzzCases: cases });
    await t?.close();
    await fake?.close();
  });

  const post = async (inboxId: string, raw: Buffer | string, headers: Record<string, string>) => {
    cases += 1;
    // The exact bytes: without serialize, a Buffer sent as JSON would go out as {"type":"Buffer",…}.
    const res = await t
      .http()
      .post(`/webhooks/${inboxId}`)
      .set({ 'Content-Type': 'application/json', ...headers })
      .serialize((body: unknown) => body as string)
      .send(Buffer.isBuffer(raw) ? raw : Buffer.from(raw));
    expectHandled(res);
    statuses.set(`${inboxId}:${res.status}`, (statuses.get(`${inboxId}:${res.status}`) ?? 0) + 1);
    return res;
  };

  it('never answers 500 to mutated, correctly signed api-channel messages', async () => {
    const fixtures = [
      { externalId: 'm-1', contact: { externalId: 'c-1', name: 'Иван', phone: '+79123456789', email: 'ivan@example.com' }, text: 'Привет' },
      { externalId: 'm-2', contact: { externalId: 'c-2', name: 'Ёлкин' }, text: 'Где заказ?', attachments: [{ url: 'https://127.0.0.1/x.pdf', fileName: 'x.pdf' }] },
    ];
    await fc.assert(
      fc.asyncProperty(mutatedJson(fixtures), async (body) => {
        const raw = JSON.stringify(body) ?? 'null';
        await post(apiInbox.id, raw, { 'X-Hub-Signature-256': signature(apiInbox.webhookSecret, raw) });
      }),
      fuzzParameters(RUNS),
    );
    expect(reached(apiInbox.id, 200)).toBeGreaterThan(0);
    expect(reached(apiInbox.id, 400)).toBeGreaterThan(0);
  });

  it('never answers 500 to mutated Telegram updates carrying the secret token', async () => {
    let update = 10_000;
    const fixtures = [tg.withBoldGreeting(1, 1), tg.groupText(2, 2, 'в группе'), tg.edited(3, 1, 'правка'), tg.callbackQuery(4, 'q', 'yes'), tg.ownContact(5, 5, '+79123456789'), tg.location(6, 6), tg.pollAnswer(7)];
    await fc.assert(
      fc.asyncProperty(mutatedJson(fixtures), async (body) => {
        // A fresh update id keeps each case from being a duplicate of an earlier one.
        const withId = body && typeof body === 'object' && !Array.isArray(body) && typeof (body as { update_id?: unknown }).update_id === 'number' ? { ...body, update_id: update++ } : body;
        await post(telegram.id, JSON.stringify(withId) ?? 'null', { 'X-Telegram-Bot-Api-Secret-Token': telegram.webhookSecret! });
      }),
      fuzzParameters(RUNS),
    );
    expect(reached(telegram.id, 200)).toBeGreaterThan(0);
    expect(reached(telegram.id, 400)).toBeGreaterThan(0);
  });

  it('never answers 500 to mutated, correctly signed SMS gateway and PBX events', async () => {
    const smsFixtures = [{ message: { id: 'gw-1', text: 'Есть доставка?' }, sender: { phone: '8 (912) 345-67-89' } }, { report: { state: 'delivered' }, message: { id: 'gw-2' } }];
    const pbxFixtures = [
      ami.newchannel({ linkedid: '1710411300.42', callerIdNum: '79123456789', exten: '74951234567' }),
      ami.dialEnd({ linkedid: '1710411300.42', callerIdNum: '79123456789', agent: '101', status: 'ANSWER' }),
      ami.cdr({ linkedid: '1710411300.42', source: '79123456789', destination: '74951234567', agent: '101', disposition: 'ANSWERED', billsec: 60 }),
    ];
    await fc.assert(
      fc.asyncProperty(mutatedJson(smsFixtures), mutatedJson(pbxFixtures), async (smsBody, pbxBody) => {
        const smsRaw = JSON.stringify(smsBody) ?? 'null';
        await post(sms.id, smsRaw, { 'X-Signature': hmac(sms.secret, smsRaw) });
        const pbxRaw = JSON.stringify(pbxBody) ?? 'null';
        await post(pbx, pbxRaw, { 'X-Signature': hmac(PBX_SECRET, pbxRaw) });
      }),
      fuzzParameters(RUNS),
    );
    for (const inboxId of [sms.id, pbx]) {
      expect(reached(inboxId, 200)).toBeGreaterThan(0);
      expect(reached(inboxId, 400)).toBeGreaterThan(0);
    }
  });

  it('never answers 500 to random bytes, content types and inbox ids', async () => {
    const inboxIds = () => [apiInbox.id, telegram.id, sms.id, pbx];
    const anyInbox = fc.oneof(fc.nat().map((i) => inboxIds()[i % inboxIds().length]), fc.constantFrom('x', '00000000-0000-0000-0000-000000000000', "' OR 1=1 --", '%00'));
    await fc.assert(
      fc.asyncProperty(anyInbox, rawBody, fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=koi8-r'), async (inboxId, raw, contentType) => {
        await post(encodeURIComponent(inboxId), raw, { 'Content-Type': contentType });
      }),
      fuzzParameters(RUNS),
    );
  });

  it('acknowledges every hostile web-chat visitor event with a result or a reason, and keeps the socket working', async () => {
    const visitor: VisitorClient = await connectVisitor(baseUrl, { widgetToken: widget.token, origin: widget.origin });
    const fixtures = [{ text: 'Здравствуйте', clientId: 'c-1' }, { name: 'Анна', email: 'anna@example.com', phone: '+79123456789' }, { typing: true }];
    let accepted = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('message.send', 'contact.update', 'typing', 'history'), fc.oneof(mutatedJson(fixtures), anyJson), async (event, payload) => {
          cases += 1;
          const ack = await visitor.request(event, payload);
          expect(typeof ack.ok).toBe('boolean');
          if (ack.ok) accepted += 1;
          // An unexpected failure answers internal_error; every refusal here must be one the widget can act on.
          else expect(ack.error.code).not.toBe('internal_error');
        }),
        fuzzParameters(RUNS),
      );
      expect(accepted).toBeGreaterThan(0);
      // After all that (and however throttled the visitor now is) the socket still answers.
      expect((await visitor.request('history')).ok).toBe(true);
    } finally {
      visitor.close();
    }
  });

  it('refuses hostile web-chat handshakes with a reason, never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, fc.constant(widget.token)), fc.option(hostileString), fc.option(anyJson), async (widgetToken, visitorToken, page) => {
        cases += 1;
        const client = await connectVisitor(baseUrl, { widgetToken, visitorToken: visitorToken ?? undefined, origin: widget.origin, page: page as never }).then(
          (connected) => ({ connected }),
          (error: Error & { data?: { code?: string } }) => ({ error }),
        );
        if ('connected' in client) client.connected.close();
        else {
          expect(typeof client.error.data?.code, client.error.message).toBe('string');
          expect(client.error.data?.code).not.toBe('internal_error');
        }
      }),
      fuzzParameters(50),
    );
  });
});

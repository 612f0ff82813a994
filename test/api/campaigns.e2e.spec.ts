import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIdentities, contacts } from '@app/db';
import type { CampaignCounts } from '@app/marketing';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { eventually } from '../support/eventually.js';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../support/fakes/telegram-bot-api.js';
import * as updates from '../support/fakes/telegram-updates.js';
import { createTelegramInbox, postUpdate, type TelegramInbox } from '../support/telegram-channel.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CONTACTS = 1_000;
const OPTED_OUT = [3, 250, 777];
const FIRST_CHAT_ID = 7_400_000_000;
const TAG = 'весна-2026';

/**
 * A broadcast to a thousand Telegram contacts through a fake Bot API that answers 429 as Telegram does:
 * it is paced under the bot's limit, skips the opted-out, finishes with exact counts, and a customer's
 * answer lands in the inbox and marks the recipient replied.
 */
describe('campaigns over HTTP', () => {
  let fake: FakeTelegramBotApi;
  let t: TestApp;
  let admin: string;
  let inbox: TelegramInbox;
  let segmentId: string;
  let templateId: string;
  let supervisor: AgentClient;
  const auth = () => ({ Authorization: `Bearer ${admin}` });

  const draft = async (overrides: Record<string, unknown> = {}) =>
    (
      await t
        .http()
        .post('/api/campaigns')
        .set(auth())
        .send({ name: 'Весенняя распродажа', inboxId: inbox.id, segmentId, templateId, variables: { promo: 'SPRING' }, cost: '15000', ...overrides })
        .expect(201)
    ).body as { id: string; status: string };

  beforeAll(async () => {
    // The fake answers in this test's own process: a pause of its event loop bunches sends that left apart,
    // hence the wider tolerance; the drain time below still holds the average to the bot's limit.
    fake = await startFakeTelegramBotApi({ floodControl: { perBotPerSecond: 30, perChatPerSecond: 1, toleranceMs: 300 } });
    t = await startTestApp({ env: { PUBLIC_URL: 'https://inbox.example.com' }, queueBackoff: { type: 'fixed', delayMs: 20 } });
    admin = await t.adminToken();
    supervisor = await connectAgent(await t.listen(), admin);
    inbox = await createTelegramInbox(t, admin, fake);
    const rows = await t.db
      .insert(contacts)
      .values(Array.from({ length: CONTACTS }, (_, i) => ({ name: `Покупатель ${i}`, tags: [TAG], optedOutAt: OPTED_OUT.includes(i) ? new Date() : null, optOutSource: OPTED_OUT.includes(i) ? 'reply' : null })))
      .returning({ id: contacts.id, name: contacts.name });
    await t.db.insert(contactIdentities).values(rows.map((row, i) => ({ contactId: row.id, inboxId: inbox.id, externalId: String(FIRST_CHAT_ID + i), displayName: row.name })));
    const segment = await t
      .http()
      .post('/api/segments')
      .set(auth())
      .send({ name: 'Весна', filter: { match: 'all', conditions: [{ field: 'tag', op: 'any', values: [TAG] }] } })
      .expect(201);
    segmentId = segment.body.id;
    const template = await t.http().post('/api/templates').set(auth()).send({ shortCode: 'spring', name: 'Весна', body: 'Здравствуйте, {{contact.name}}! Весной скидка 20%.' }).expect(201);
    templateId = template.body.id;
  }, 120_000);
  afterAll(async () => {
    supervisor?.close();
    await t?.close();
    await fake?.close();
  });

  it('refuses an inbox of a channel that cannot broadcast, naming the field', async () => {
    const webchat = await t.http().post('/api/inboxes').set(auth()).send({ type: 'webchat', name: 'Сайт', settings: { allowedOrigins: ['https://shop.example.com'] } }).expect(201);
    const res = await t
      .http()
      .post('/api/campaigns')
      .set(auth())
      .set('Accept-Language', 'en')
      .send({ name: 'Через виджет', inboxId: webchat.body.id, segmentId, templateId })
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([{ field: 'inboxId', message: expect.stringContaining('Telegram, VK, e-mail or SMS') }]);
  });

  it('answers 400 with the fields of an unknown segment and template and of a malformed body', async () => {
    const unknown = '01900000-0000-7000-8000-0000000000ff';
    const res = await t.http().post('/api/campaigns').set(auth()).send({ name: 'X', inboxId: inbox.id, segmentId: unknown, templateId: unknown }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['segmentId', 'templateId']);
    const malformed = await t.http().post('/api/campaigns').set(auth()).set('Accept-Language', 'en').send({ name: '', inboxId: 'nope', segmentId, templateId, cost: '-5' }).expect(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cost', 'inboxId', 'name']);
    expect(malformed.body.errors.find((e: { field: string }) => e.field === 'cost').message).toBe('Enter an amount such as 15000 or 15000.50.');
  });

  it('lets agents read campaigns but not write them', async () => {
    const agent = await t.createUser('agent', { inboxIds: [inbox.id] });
    await t.http().get('/api/campaigns').set('Authorization', `Bearer ${agent.token}`).expect(200);
    await t.http().post('/api/campaigns').set('Authorization', `Bearer ${agent.token}`).send({ name: 'X', inboxId: inbox.id, segmentId, templateId }).expect(403);
  });

  it('answers 409 to an impossible transition and keeps a scheduled launch waiting for its time', async () => {
    const campaign = await draft({ name: 'Позже' });
    await t.http().post(`/api/campaigns/${campaign.id}/pause`).set(auth()).expect(409);
    await t.http().post(`/api/campaigns/${campaign.id}/resume`).set(auth()).expect(409);
    await t.http().post(`/api/campaigns/${campaign.id}/cancel`).set(auth()).expect(409);
    const past = await t.http().post(`/api/campaigns/${campaign.id}/launch`).set(auth()).send({ scheduledAt: '2020-01-01T00:00:00Z' }).expect(400);
    expect(past.body.errors[0].field).toBe('scheduledAt');

    const later = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await t.http().post(`/api/campaigns/${campaign.id}/launch`).set(auth()).send({ scheduledAt: later }).expect(200);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', startedAt: null });
    const again = await t.http().post(`/api/campaigns/${campaign.id}/launch`).set(auth()).set('Accept-Language', 'en').send({}).expect(409);
    expect(again.body).toMatchObject({ code: 'campaign_transition_invalid', status: 'scheduled', action: 'launch' });
    await t.http().patch(`/api/campaigns/${campaign.id}`).set(auth()).send({ name: 'Позже, в июне' }).expect(200);

    const paused = await t.http().post(`/api/campaigns/${campaign.id}/pause`).set(auth()).expect(200);
    expect(paused.body.status).toBe('paused');
    await t.http().patch(`/api/campaigns/${campaign.id}`).set(auth()).send({ segmentId }).expect(409);
    await t.http().delete(`/api/campaigns/${campaign.id}`).set(auth()).expect(409);
    const resumed = await t.http().post(`/api/campaigns/${campaign.id}/resume`).set(auth()).expect(200);
    expect(resumed.body.status).toBe('scheduled');
    const cancelled = await t.http().post(`/api/campaigns/${campaign.id}/cancel`).set(auth()).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', counts: { total: 0 } });
    await t.http().post(`/api/campaigns/${campaign.id}/resume`).set(auth()).expect(409);
    await t.http().delete(`/api/campaigns/${campaign.id}`).set(auth()).expect(204);
    await t.http().get(`/api/campaigns/${campaign.id}`).set(auth()).expect(404);
    expect(fake.callsOf('sendMessage')).toHaveLength(0);
  });

  it('sends to a thousand contacts within the bot limit while agents\' replies still leave at once, skips the opted-out and completes with exact counts', async () => {
    const campaign = await draft();
    const launched = await t.http().post(`/api/campaigns/${campaign.id}/launch`).set(auth()).send({}).expect(200);
    expect(launched.body.status).toBe('running');

    // In the middle of the broadcast an agent's reply leaves within seconds, not after the 30 s the rest of
    // the campaign needs: the campaign never queues more than a second of sending ahead of it.
    await supervisor.waitFor('campaign.progress', (e) => e.payload.campaignId === campaign.id && e.payload.counts.sent >= 100, 120_000);
    const customer: updates.User = { id: FIRST_CHAT_ID + 5_000, is_bot: false, first_name: 'Срочный', language_code: 'ru' };
    await postUpdate(t, inbox, updates.privateText(8_001, 401, 'Срочно: где мой заказ?', customer)).expect(200);
    const question = await supervisor.waitFor('message.created', (e) => e.payload.content === 'Срочно: где мой заказ?');
    const repliedAt = Date.now();
    await t.http().post(`/api/conversations/${question.conversationId}/messages`).set(auth()).send({ text: 'Уже в пути!' }).expect(201);
    const reply = await eventually(async () => {
      const call = fake.callsOf('sendMessage').find((c) => String(c.params.chat_id) === String(customer.id));
      expect(call).toBeDefined();
      return call!;
    }, 10_000);
    expect(reply.at - repliedAt).toBeLessThan(5_000);
    expect((await t.http().get(`/api/campaigns/${campaign.id}`).set(auth()).expect(200)).body.status).toBe('running');

    // Supervisors watch it live; the last event tells it completed, without anyone polling.
    const completed = await supervisor.waitFor('campaign.progress', (e) => e.payload.campaignId === campaign.id && e.payload.status === 'completed', 400_000);
    expect(completed.payload.counts).toEqual({ total: CONTACTS, queued: 0, sent: CONTACTS - OPTED_OUT.length, delivered: 0, failed: 0, skipped: OPTED_OUT.length, replied: 0 });
    const progress = supervisor.events.filter((e) => e.type === 'campaign.progress' && (e.payload as { campaignId: string }).campaignId === campaign.id).map((e) => Date.parse(e.at));
    expect(progress.length).toBeGreaterThan(3);
    // At most one event per half second (less a little for timer jitter).
    expect(Math.min(...progress.slice(1).map((at, i) => at - progress[i]))).toBeGreaterThanOrEqual(450);
    const done = (await t.http().get(`/api/campaigns/${campaign.id}`).set(auth()).expect(200)).body as { status: string; counts: CampaignCounts; finishedAt: string };
    expect(done.status).toBe('completed');
    expect(done.counts).toEqual(completed.payload.counts);
    expect(done.finishedAt).not.toBeNull();
    expect(fake.floodErrors).toBe(0);
    const sends = fake.callsOf('sendMessage').filter((call) => String(call.params.chat_id) !== String(FIRST_CHAT_ID + 5_000));
    expect(sends).toHaveLength(CONTACTS - OPTED_OUT.length);
    // Thirty a second at most: after the first second's thirty, each further thirty take at least a second.
    expect(sends[sends.length - 1].at - sends[0].at).toBeGreaterThanOrEqual(((sends.length - 30) * 1_000) / 30);
    expect(new Set(sends.map((call) => String(call.params.chat_id))).size).toBe(CONTACTS - OPTED_OUT.length);
    expect(sends.map((call) => String(call.params.chat_id))).not.toContain(String(FIRST_CHAT_ID + OPTED_OUT[0]));
    expect(sends[0].params.text).toMatch(/^Здравствуйте, Покупатель \d+! Весной скидка 20%\.$/);

    const skipped = await t.http().get(`/api/campaigns/${campaign.id}/recipients?status=skipped`).set(auth()).expect(200);
    expect(skipped.body.items).toHaveLength(OPTED_OUT.length);
    expect(skipped.body.items.map((r: { skipReason: string }) => r.skipReason)).toEqual(['opted_out', 'opted_out', 'opted_out']);
    expect(skipped.body.items.map((r: { contact: { name: string } }) => r.contact.name).sort()).toEqual(OPTED_OUT.map((i) => `Покупатель ${i}`).sort());
    const firstPage = await t.http().get(`/api/campaigns/${campaign.id}/recipients?status=sent&limit=100`).set(auth()).expect(200);
    expect(firstPage.body.items).toHaveLength(100);
    const secondPage = await t.http().get(`/api/campaigns/${campaign.id}/recipients?status=sent&limit=100&cursor=${firstPage.body.nextCursor}`).set(auth()).expect(200);
    expect(secondPage.body.items[0].id < firstPage.body.items[99].id).toBe(true);

    // Launching the finished campaign again is refused: nobody gets the message twice.
    await t.http().post(`/api/campaigns/${campaign.id}/launch`).set(auth()).send({}).expect(409);
  }, 450_000);

  it('marks the recipient replied when the customer answers, and the answer lands in the inbox', async () => {
    const [campaign] = (await t.http().get('/api/campaigns?status=completed').set(auth()).expect(200)).body.items as { id: string }[];
    const customer: updates.User = { id: FIRST_CHAT_ID + 10, is_bot: false, first_name: 'Покупатель', language_code: 'ru' };
    await postUpdate(t, inbox, updates.privateText(9_001, 501, 'А на что скидка?', customer)).expect(200);
    const replied = await eventually(async () => {
      const res = await t.http().get(`/api/campaigns/${campaign.id}/recipients?status=replied`).set(auth()).expect(200);
      expect(res.body.items).toHaveLength(1);
      return res.body.items[0] as { contact: { name: string }; conversationId: string; repliedAt: string };
    });
    expect(replied.contact.name).toBe('Покупатель 10');
    expect(replied.repliedAt).not.toBeNull();
    const thread = await t.http().get(`/api/conversations/${replied.conversationId}/messages`).set(auth()).expect(200);
    expect(thread.body.items.map((m: { messageType: string; content: string }) => [m.messageType, m.content])).toContainEqual(['incoming', 'А на что скидка?']);
    const conversation = await t.http().get(`/api/conversations/${replied.conversationId}`).set(auth()).expect(200);
    expect(conversation.body.status).toBe('open');
  });

  it('reports delivery and reply rates, the deals the recipients brought and the cost per lead', async () => {
    const [campaign] = (await t.http().get('/api/campaigns?status=completed').set(auth()).expect(200)).body.items as { id: string }[];
    const recipients = (await t.http().get(`/api/campaigns/${campaign.id}/recipients?status=sent&limit=2`).set(auth()).expect(200)).body.items as { contact: { id: string } }[];
    const open = await t.http().post('/api/deals').set(auth()).send({ title: 'Заказ после рассылки', amount: '2000', contactId: recipients[0].contact.id }).expect(201);
    const pipelines = await t.http().get('/api/pipelines').set(auth()).expect(200);
    const wonStage = (pipelines.body[0].stages as { id: string; kind: string }[]).find((s) => s.kind === 'won')!;
    const won = await t.http().post('/api/deals').set(auth()).send({ title: 'Оплачено', amount: '7500.50', contactId: recipients[1].contact.id, pipelineId: open.body.pipelineId, stageId: wonStage.id }).expect(201);
    expect(won.body.status).toBe('won');

    const results = await t.http().get(`/api/campaigns/${campaign.id}/results`).set(auth()).expect(200);
    const reached = CONTACTS - OPTED_OUT.length;
    expect(results.body).toEqual({
      total: CONTACTS,
      queued: 0,
      sent: reached - 1,
      delivered: 0,
      failed: 0,
      skipped: OPTED_OUT.length,
      replied: 1,
      deliveryRate: 1,
      replyRate: Math.round((1 / reached) * 10_000) / 10_000,
      dealsCreated: 2,
      revenue: '7500.50',
      cost: '15000.00',
      costPerLead: '7500.00',
    });
  });
});

import { randomInt, randomUUID } from 'node:crypto';
import type { Response } from 'superagent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannelRegistry } from '@channel-adapters/registry';
import { TelephonyChannelAdapter } from '@channel-adapters/telephony';
import { connectAgent, type AgentClient } from '../support/agent-socket.js';
import { ami, signPbxBody, startRecordingServer, type GenericCallEvent, type RecordingServer } from '../support/fakes/telephony-pbx.js';
import { ZADARMA_KEY, ZADARMA_SECRET, startFakeZadarmaApi, zadarma, zadarmaCall, type FakeZadarmaApi, type ZadarmaNotification } from '../support/fakes/telephony-zadarma.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PBX_SECRET = 'pbx-bridge-secret-31c9';
const RECORDING = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0xff, 0xfb, 0x90, 0x44, 0x00, 0x00, 0x0f, 0xf0]);

/** A Russian mobile number nobody else in this suite uses, as Zadarma writes it (no plus). */
const newCaller = () => `7912${String(randomInt(1_000_000, 9_999_999))}`;

interface Activity {
  id: string;
  type: string;
  subject: string;
  done: boolean;
  dueAt: string | null;
  ownerId: string | null;
  contactId: string | null;
  conversationId: string | null;
  metadata: Record<string, unknown>;
}

describe('telephony inboxes (Zadarma, an Asterisk bridge and the generic format against local fakes)', () => {
  let t: TestApp;
  let api: FakeZadarmaApi;
  let files: RecordingServer;
  let admin: string;
  let agent: { id: string; token: string };
  let outsider: { id: string; token: string };
  let socket: AgentClient;
  const inboxes = { zadarma: '', generic: '', asterisk: '' };

  const asAdmin = () => ({ Authorization: `Bearer ${admin}` });
  const asAgent = () => ({ Authorization: `Bearer ${agent.token}` });

  async function createInbox(name: string, settings: Record<string, unknown>) {
    const res = await t.http().post('/api/inboxes').set(asAdmin()).send({ type: 'telephony', name, settings }).expect(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    [api, files] = await Promise.all([startFakeZadarmaApi(), startRecordingServer()]);
    t = await startTestApp({ adapters: createChannelRegistry({ telephony: new TelephonyChannelAdapter({ allowPrivateAddresses: true }) }) });
    const baseUrl = await t.listen();
    admin = await t.adminToken();
    inboxes.zadarma = await createInbox('Офисная АТС', { provider: 'zadarma', secret: ZADARMA_SECRET, credentials: { apiKey: ZADARMA_KEY }, apiBaseUrl: api.url });
    inboxes.generic = await createInbox('Колл-центр', { provider: 'generic', secret: PBX_SECRET });
    inboxes.asterisk = await createInbox('Asterisk', { provider: 'asterisk', secret: PBX_SECRET });
    agent = await t.createUser('agent', { inboxIds: Object.values(inboxes), name: 'Анна Операторова' });
    outsider = await t.createUser('agent', { inboxIds: [] });
    const patched = await t.http().patch(`/api/users/${agent.id}`).set(asAdmin()).send({ phoneExtension: '101' }).expect(200);
    expect(patched.body.phoneExtension).toBe('101');
    socket = await connectAgent(baseUrl, agent.token);
  });

  afterAll(async () => {
    socket?.close();
    await t?.close();
    await Promise.all([api?.close(), files?.close()]);
  });

  const postZadarma = (notification: ZadarmaNotification, signature = notification.signature) =>
    t.http().post(`/webhooks/${inboxes.zadarma}`).type('form').set('Signature', signature).send(notification.body);

  function postSigned(inboxId: string, body: unknown, secret = PBX_SECRET) {
    const raw = JSON.stringify(body);
    return t.http().post(`/webhooks/${inboxId}`).set('Content-Type', 'application/json').set('X-Signature', signPbxBody(secret, raw)).send(raw);
  }

  async function activitiesOf(contactId: string, type?: string): Promise<Activity[]> {
    const res = await t.http().get('/api/activities').query({ contactId, ...(type ? { type } : {}) }).set(asAdmin()).expect(200);
    return res.body.items;
  }

  async function contactByPhone(phone: string) {
    const res = await t.http().get('/api/contacts').query({ q: phone }).set(asAdmin()).expect(200);
    expect(res.body.items).toHaveLength(1);
    return res.body.items[0] as { id: string; name: string; phones: string[] };
  }

  describe('Zadarma', () => {
    it('answers the zd_echo check with the string as plain text', async () => {
      const res = await t.http().get(`/webhooks/${inboxes.zadarma}`).query({ zd_echo: 'f3a9B1' }).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toBe('f3a9B1');
    });

    it('answers 401 to a notification with a wrong or missing Signature and stores nothing', async () => {
      const call = zadarmaCall({ callerId: newCaller() });
      const wrong = await postZadarma(zadarma.start(call), zadarma.start(call, 'not-the-secret').signature).expect(401);
      expect(wrong.body.code).toBe('webhook_signature_invalid');
      await t.http().post(`/webhooks/${inboxes.zadarma}`).type('form').send(zadarma.start(call).body).expect(401);
      const res = await t.http().get('/api/contacts').query({ q: `+${call.callerId}` }).set(asAdmin()).expect(200);
      expect(res.body.items).toHaveLength(0);
    });

    it('records a whole answered call as one call activity on the known contact, pops it up for the agent and plays the recording', async () => {
      const number = newCaller();
      const known = await t.http().post('/api/contacts').set(asAdmin()).send({ name: 'Пётр Звонков', phones: [`8${number.slice(1)}`] }).expect(201);
      const deal = await t.http().post('/api/deals').set(asAdmin()).send({ title: 'Кухонный гарнитур', contactId: known.body.id, amount: '125000.00' }).expect(201);
      const call = zadarmaCall({ callerId: number });
      const recordId = `${Date.now()}.${randomInt(1e6, 9e6)}`;
      api.recordings.set(recordId, RECORDING);

      await postZadarma(zadarma.start(call)).expect(200);
      await postZadarma(zadarma.internal(call, '101')).expect(200);
      const popUp = await socket.waitFor('call.incoming', (e) => e.payload.callId === call.pbxCallId);
      expect(popUp.payload).toMatchObject({
        phase: 'started',
        agentExtension: '101',
        direction: 'inbound',
        number: `+${number}`,
        contact: { id: known.body.id, name: 'Пётр Звонков', phones: [`+${number}`] },
        openDeals: [{ id: deal.body.id, title: 'Кухонный гарнитур', amount: '125000.00', currency: 'RUB' }],
      });
      await postZadarma(zadarma.answer(call, '101')).expect(200);
      await postZadarma(zadarma.end(call, { internal: '101', duration: 125, disposition: 'answered', recordId })).expect(200);
      await postZadarma(zadarma.record(call, recordId)).expect(200);
      // Zadarma repeats a notification it thinks was lost: nothing changes.
      const again = await postZadarma(zadarma.end(call, { internal: '101', duration: 125, disposition: 'answered', recordId })).expect(200);
      expect(again.text).toBe('');

      const calls = await activitiesOf(known.body.id, 'call');
      expect(calls).toHaveLength(1);
      const [activity] = calls;
      expect(activity).toMatchObject({
        subject: 'Входящий звонок',
        done: true,
        ownerId: agent.id,
        metadata: { callId: call.pbxCallId, direction: 'inbound', phase: 'ended', durationSec: 125, agentExtension: '101', agentId: agent.id, hasRecording: true },
      });
      expect(await activitiesOf(known.body.id, 'task')).toEqual([]);

      const timeline = await t.http().get(`/api/conversations/${activity.conversationId}/timeline`).set(asAgent()).expect(200);
      expect(timeline.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'activity', activity: expect.objectContaining({ id: activity.id }) }),
          expect.objectContaining({ kind: 'message', message: expect.objectContaining({ messageType: 'system', content: `Входящий звонок с номера +${number}, 2:05` }) }),
        ]),
      );
      const conversation = await t.http().get(`/api/conversations/${activity.conversationId}`).set(asAgent()).expect(200);
      expect(conversation.body).toMatchObject({ inboxId: inboxes.zadarma, contactId: known.body.id, status: 'resolved' });

      const played = await t.http().get(`/api/calls/${activity.id}/recording`).set(asAgent()).buffer(true).parse(binary).expect(200);
      expect(played.headers['content-type']).toBe('audio/mpeg');
      expect(played.headers['cache-control']).toBe('private, no-store');
      expect(played.body).toEqual(RECORDING);
      const seek = await t.http().get(`/api/calls/${activity.id}/recording`).set(asAgent()).set('Range', 'bytes=6-').buffer(true).parse(binary).expect(206);
      expect(seek.headers['content-range']).toBe(`bytes 6-${RECORDING.length - 1}/${RECORDING.length}`);
      expect(seek.body).toEqual(RECORDING.subarray(6));
    });

    it('opens the conversation with a call-back task when an incoming call is missed, and hands the task to the assignee', async () => {
      const number = newCaller();
      const call = zadarmaCall({ callerId: number });
      await postZadarma(zadarma.start(call)).expect(200);
      await postZadarma(zadarma.end(call, { duration: 0, disposition: 'no answer' })).expect(200);
      const contact = await contactByPhone(`+${number}`);
      // The call's conversation is made at the call's first step, resolved; the miss opens it.
      const opened = await socket.waitFor('conversation.status_changed', (e) => e.payload.contactId === contact.id);
      expect(opened.payload).toMatchObject({ inboxId: inboxes.zadarma, status: 'open', previousStatus: 'resolved', unreadCount: 1, lastMessagePreview: `Пропущенный звонок с номера +${number}` });

      const [missed] = await activitiesOf(contact.id, 'call');
      expect(missed).toMatchObject({ subject: 'Пропущенный звонок', done: true, metadata: { phase: 'missed', durationSec: 0, hasRecording: false } });
      const [task] = await activitiesOf(contact.id, 'task');
      expect(task).toMatchObject({ subject: `Перезвонить +${number}`, done: false, ownerId: null, conversationId: opened.payload.id, metadata: { callback: true, callId: call.pbxCallId } });
      expect(Math.abs(new Date(task.dueAt!).getTime() - Date.now())).toBeLessThan(60_000);

      await t.http().post(`/api/conversations/${opened.payload.id}/assignment`).set(asAdmin()).send({ assigneeId: agent.id }).expect(200);
      const [handedOver] = await activitiesOf(contact.id, 'task');
      expect(handedOver.ownerId).toBe(agent.id);

      await t.http().get(`/api/calls/${missed.id}/recording`).set(asAgent()).expect(404);
    });

    it('reopens a resolved conversation for a missed call and gives the task to its assignee', async () => {
      const number = newCaller();
      const answered = zadarmaCall({ callerId: number });
      await postZadarma(zadarma.start(answered)).expect(200);
      await postZadarma(zadarma.end(answered, { internal: '101', duration: 30, disposition: 'answered' })).expect(200);
      const contact = await contactByPhone(`+${number}`);
      const [first] = await activitiesOf(contact.id, 'call');
      await t.http().post(`/api/conversations/${first.conversationId}/assignment`).set(asAdmin()).send({ assigneeId: agent.id }).expect(200);

      const missed = zadarmaCall({ callerId: number });
      await postZadarma(zadarma.start(missed)).expect(200);
      await postZadarma(zadarma.end(missed, { duration: 0, disposition: 'busy' })).expect(200);
      const reopened = await socket.waitFor('conversation.status_changed', (e) => e.conversationId === first.conversationId);
      expect(reopened.payload).toMatchObject({ status: 'open', previousStatus: 'resolved' });
      expect(await activitiesOf(contact.id, 'call')).toHaveLength(2);
      const [task] = await activitiesOf(contact.id, 'task');
      expect(task.ownerId).toBe(agent.id);
    });

    it('lets only members of the inbox play a recording', async () => {
      const number = newCaller();
      const call = zadarmaCall({ callerId: number });
      const recordId = `${Date.now()}.${randomInt(1e6, 9e6)}`;
      api.recordings.set(recordId, RECORDING);
      await postZadarma(zadarma.end(call, { internal: '101', duration: 12, disposition: 'answered', recordId })).expect(200);
      const [activity] = await activitiesOf((await contactByPhone(`+${number}`)).id, 'call');
      await t.http().get(`/api/calls/${activity.id}/recording`).set('Authorization', `Bearer ${outsider.token}`).expect(404);
      await t.http().get(`/api/calls/${randomUUID()}/recording`).set(asAgent()).expect(404);
      await t.http().get(`/api/calls/${activity.id}/recording`).set(asAdmin()).expect(200);
    });
  });

  describe('generic format', () => {
    it('plays a recording from the PBX through the server without ever showing its URL', async () => {
      const callId = `gen-${randomUUID()}`;
      const number = newCaller();
      const recordingUrl = files.add(`/recordings/${callId}.mp3?token=secret-token`, RECORDING);
      const base: Omit<GenericCallEvent, 'event'> = { callId, direction: 'outbound', from: '101', to: `+${number}`, agentExtension: '101' };
      await postSigned(inboxes.generic, { ...base, event: 'started' }).expect(200);
      await postSigned(inboxes.generic, { ...base, event: 'answered' }).expect(200);
      await postSigned(inboxes.generic, { ...base, event: 'ended', durationSec: 61, recordingUrl }).expect(200);

      const contact = await contactByPhone(`+${number}`);
      const [activity] = await activitiesOf(contact.id, 'call');
      expect(activity).toMatchObject({ subject: 'Исходящий звонок', metadata: { direction: 'outbound', phase: 'ended', durationSec: 61, hasRecording: true } });
      const single = await t.http().get(`/api/activities/${activity.id}`).set(asAdmin()).expect(200);
      const timeline = await t.http().get(`/api/conversations/${activity.conversationId}/timeline`).set(asAgent()).expect(200);
      for (const shown of [JSON.stringify(single.body), JSON.stringify(timeline.body)]) {
        expect(shown).not.toContain(files.url);
        expect(shown).not.toContain('secret-token');
      }
      const played = await t.http().get(`/api/calls/${activity.id}/recording`).set(asAgent()).buffer(true).parse(binary).expect(200);
      expect(played.body).toEqual(RECORDING);
    });

    it('refuses a recording whose sealed location was edited through the activities API', async () => {
      const callId = `gen-${randomUUID()}`;
      const number = newCaller();
      await postSigned(inboxes.generic, { callId, event: 'ended', direction: 'inbound', from: `+${number}`, to: '+74951234567', durationSec: 5, recordingUrl: files.add(`/r/${callId}.mp3`, RECORDING) }).expect(200);
      const [activity] = await activitiesOf((await contactByPhone(`+${number}`)).id, 'call');
      await t.http().patch(`/api/activities/${activity.id}`).set(asAdmin()).send({ metadata: { ...activity.metadata, recordingSealed: 'http://169.254.169.254/latest/meta-data/' } }).expect(200);
      await t.http().get(`/api/calls/${activity.id}/recording`).set(asAgent()).expect(404);
    });

    it('answers 401 to an unsigned call event and 400 to an invalid one', async () => {
      const event: GenericCallEvent = { callId: 'c-x', event: 'started', direction: 'inbound', from: `+${newCaller()}`, to: '+74951234567' };
      await t.http().post(`/webhooks/${inboxes.generic}`).send(event).expect(401);
      await postSigned(inboxes.generic, event, 'wrong').expect(401);
      const invalid = await postSigned(inboxes.generic, { ...event, event: 'exploded' }).expect(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(['event']);
    });
  });

  describe('Asterisk AMI bridge', () => {
    it('turns AMI events into one answered call, and a CDR without an answer into a missed one', async () => {
      const number = newCaller();
      const linkedid = `${Math.floor(Date.now() / 1000)}.${randomInt(100, 999)}`;
      await postSigned(inboxes.asterisk, [
        ami.newchannel({ linkedid, callerIdNum: number, exten: '74951234567' }),
        ami.dialBegin({ linkedid, callerIdNum: number, agent: '101' }),
      ]).expect(200);
      const popUp = await socket.waitFor('call.incoming', (e) => e.payload.callId === linkedid);
      expect(popUp.payload).toMatchObject({ agentExtension: '101', number: `+${number}` });
      await postSigned(inboxes.asterisk, [
        ami.dialEnd({ linkedid, callerIdNum: number, agent: '101', status: 'ANSWER' }),
        ami.cdr({ linkedid, source: number, destination: '74951234567', agent: '101', disposition: 'ANSWERED', billsec: 95 }),
      ]).expect(200);
      const contact = await contactByPhone(`+${number}`);
      const calls = await activitiesOf(contact.id, 'call');
      expect(calls).toHaveLength(1);
      expect(calls[0].metadata).toMatchObject({ callId: linkedid, phase: 'ended', durationSec: 95, agentId: agent.id });

      const missedId = `${linkedid}9`;
      await postSigned(inboxes.asterisk, ami.cdr({ linkedid: missedId, source: number, destination: '74951234567', disposition: 'NO ANSWER', billsec: 0 })).expect(200);
      expect((await activitiesOf(contact.id, 'call')).map((a) => a.metadata.phase).sort()).toEqual(['ended', 'missed']);
      expect(await activitiesOf(contact.id, 'task')).toHaveLength(1);
    });
  });

  describe('agent extensions', () => {
    it('refuses an extension another user has, and lets only an administrator set one', async () => {
      const other = await t.createUser('agent');
      const taken = await t.http().patch(`/api/users/${other.id}`).set(asAdmin()).send({ phoneExtension: '101' }).expect(409);
      expect(taken.body.code).toBe('duplicate_phone_extension');
      await t.http().patch(`/api/users/${other.id}`).set('Authorization', `Bearer ${other.token}`).send({ phoneExtension: '205' }).expect(403);
      const cleared = await t.http().patch(`/api/users/${other.id}`).set(asAdmin()).send({ phoneExtension: null }).expect(200);
      expect(cleared.body.phoneExtension).toBeNull();
    });
  });
});

/** Collects the response as bytes, so audio is compared exactly. */
function binary(res: Response, callback: (error: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

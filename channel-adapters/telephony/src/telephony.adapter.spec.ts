import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelError,
  WebhookAuthError,
  WebhookPayloadError,
  inboundEventKinds,
  type ChannelContext,
  type HostResolver,
  type WebhookRequest,
} from '@channel-adapters/core';
import { caughtError, expectChannelError, webhookRequest } from '@channel-adapters/core/testing';
import { ami, signPbxBody, startRecordingServer, type GenericCallEvent, type RecordingServer } from '../../../test/support/fakes/telephony-pbx.js';
import { ZADARMA_KEY, ZADARMA_SECRET, phpHmacSha1Base64, startFakeZadarmaApi, zadarma, zadarmaCall, type FakeZadarmaApi, type ZadarmaNotification } from '../../../test/support/fakes/telephony-zadarma.js';
import { TelephonyChannelAdapter } from './telephony.adapter.js';

const inboxId = '01900000-0000-7000-8000-0000000007e1';
const SECRET = 'pbx-secret-5b1e';
const adapter = new TelephonyChannelAdapter();

const zadarmaContext = (apiBaseUrl?: string): ChannelContext => ({ inboxId, settings: { provider: 'zadarma', secret: ZADARMA_SECRET, credentials: { apiKey: ZADARMA_KEY }, apiBaseUrl } });
const genericContext: ChannelContext = { inboxId, settings: { provider: 'generic', secret: SECRET } };
const asteriskContext: ChannelContext = { inboxId, settings: { provider: 'asterisk', secret: SECRET } };

const zadarmaRequest = (notification: ZadarmaNotification, signature = notification.signature) =>
  webhookRequest({ rawBody: notification.body, headers: { 'content-type': 'application/x-www-form-urlencoded', signature } });
const signedJson = (body: unknown, secret = SECRET) => {
  const raw = JSON.stringify(body);
  return webhookRequest({ rawBody: raw, headers: { 'content-type': 'application/json', 'x-signature': signPbxBody(secret, raw) } });
};

interface WebhookContract {
  context: ChannelContext;
  valid(): WebhookRequest;
  tampered(): WebhookRequest;
  unsigned(): WebhookRequest;
  malformed(): WebhookRequest;
}

/** The webhook half of the adapter contract; a telephony inbox sends nothing, so the send half does not apply. */
function describeWebhookContract(name: string, contract: WebhookContract) {
  describe(`${name} webhooks`, () => {
    it('accepts a correctly signed request', async () => {
      await expect(adapter.verify(contract.valid(), contract.context)).resolves.toBeUndefined();
    });
    it('rejects an unsigned request and one changed after signing with WebhookAuthError', async () => {
      expect(await caughtError(adapter.verify(contract.unsigned(), contract.context))).toBeInstanceOf(WebhookAuthError);
      expect(await caughtError(adapter.verify(contract.tampered(), contract.context))).toBeInstanceOf(WebhookAuthError);
    });
    it('parses the same request into the same known events twice', async () => {
      const ids = async () => (await adapter.parse(contract.valid(), contract.context)).events.map((e) => `${e.kind}:${e.externalId}`);
      const first = await ids();
      expect(first.length).toBeGreaterThan(0);
      for (const id of first) expect(inboundEventKinds).toContain(id.split(':')[0]);
      expect(await ids()).toEqual(first);
    });
    it('rejects a malformed payload with WebhookPayloadError', async () => {
      const error = await caughtError(adapter.parse(contract.malformed(), contract.context));
      expect(error).toBeInstanceOf(WebhookPayloadError);
    });
  });
}

const call = zadarmaCall({ pbxCallId: 'in_0f3c9a2b7d', callerId: '79123456789' });

describeWebhookContract('zadarma', {
  context: zadarmaContext(),
  valid: () => zadarmaRequest(zadarma.start(call)),
  tampered: () => zadarmaRequest({ ...zadarma.start(call), body: zadarma.start({ ...call, callerId: '79990000000' }).body }),
  unsigned: () => webhookRequest({ rawBody: zadarma.start(call).body }),
  malformed: () => zadarmaRequest(zadarma.start({ ...call, pbxCallId: '' })),
});

const genericEvent: GenericCallEvent = { callId: 'c-100', event: 'started', direction: 'inbound', from: '+7 912 345-67-89', to: '+74951234567' };

describeWebhookContract('generic', {
  context: genericContext,
  valid: () => signedJson(genericEvent),
  tampered: () => ({ ...signedJson(genericEvent), rawBody: Buffer.from(JSON.stringify({ ...genericEvent, from: '+79990000000' })) }),
  unsigned: () => webhookRequest({ body: genericEvent }),
  malformed: () => signedJson({ ...genericEvent, event: 'exploded', durationSec: -1 }),
});

const newchannel = ami.newchannel({ linkedid: '1710411300.42', callerIdNum: '79123456789', exten: '74951234567' });

describeWebhookContract('asterisk', {
  context: asteriskContext,
  valid: () => signedJson(newchannel),
  tampered: () => ({ ...signedJson(newchannel), rawBody: Buffer.from(JSON.stringify({ ...newchannel, CallerIDNum: '79990000000' })) }),
  unsigned: () => webhookRequest({ body: newchannel }),
  malformed: () => signedJson([{ Privilege: 'call,all' }]),
});

describe('TelephonyChannelAdapter with Zadarma', () => {
  const parse = async (notification: ZadarmaNotification) => {
    const request = zadarmaRequest(notification);
    await adapter.verify(request, zadarmaContext());
    return adapter.parse(request, zadarmaContext());
  };

  it('answers the zd_echo check with the string, as text, without a signature', async () => {
    const request = webhookRequest({ method: 'GET', query: { zd_echo: 'a1B2c3' } });
    await expect(adapter.verify(request, zadarmaContext())).resolves.toBeUndefined();
    expect(await adapter.parse(request, zadarmaContext())).toEqual({ events: [], reply: { status: 200, contentType: 'text/plain', body: 'a1B2c3' } });
  });

  it('does not echo anything that is not a plain token', async () => {
    const request = webhookRequest({ method: 'GET', query: { zd_echo: '<script>alert(1)</script>' } });
    expect(await caughtError(adapter.parse(request, zadarmaContext()))).toBeInstanceOf(WebhookPayloadError);
  });

  it('checks each event against its own signed fields', async () => {
    for (const notification of [
      zadarma.internal(call, '101'),
      zadarma.answer(call, '101'),
      zadarma.end(call, { internal: '101', duration: 125, disposition: 'answered', recordId: '1710411300.1585217' }),
      zadarma.outStart(call, '102'),
      zadarma.outEnd(call, { internal: '102', duration: 40, disposition: 'answered' }),
      zadarma.record(call, '1710411300.1585217'),
    ]) {
      const { event, caller_id = '', called_did = '', call_start = '' } = notification.params;
      await expect(adapter.verify(zadarmaRequest(notification), zadarmaContext()), event).resolves.toBeUndefined();
      // NOTIFY_INTERNAL and NOTIFY_END sign the same fields as NOTIFY_START; the others sign their own.
      if (event === 'NOTIFY_INTERNAL' || event === 'NOTIFY_END') continue;
      const startStyle = zadarmaRequest(notification, phpHmacSha1Base64(ZADARMA_SECRET, caller_id + called_did + call_start));
      expect(await caughtError(adapter.verify(startStyle, zadarmaContext())), event).toBeInstanceOf(WebhookAuthError);
    }
  });

  it('rejects a notification signed with another secret', async () => {
    expect(await caughtError(adapter.verify(zadarmaRequest(zadarma.start(call, 'other-secret')), zadarmaContext()))).toBeInstanceOf(WebhookAuthError);
  });

  it('turns a whole incoming call into call events with stable ids per step', async () => {
    const events = [
      ...(await parse(zadarma.start(call))).events,
      ...(await parse(zadarma.internal(call, '101'))).events,
      ...(await parse(zadarma.answer(call, '101'))).events,
      ...(await parse(zadarma.end(call, { internal: '101', duration: 125, disposition: 'answered', recordId: '1710411300.1585217' }))).events,
      ...(await parse(zadarma.record(call, '1710411300.1585217'))).events,
    ];
    const contact = { externalId: '+79123456789', phone: '+79123456789' };
    expect(events).toEqual([
      { kind: 'call', externalId: 'in_0f3c9a2b7d:started', callId: 'in_0f3c9a2b7d', contact, direction: 'inbound', phase: 'started' },
      { kind: 'call', externalId: 'in_0f3c9a2b7d:ringing:101', callId: 'in_0f3c9a2b7d', contact, direction: 'inbound', phase: 'started', agentExtension: '101' },
      { kind: 'call', externalId: 'in_0f3c9a2b7d:answered', callId: 'in_0f3c9a2b7d', contact, direction: 'inbound', phase: 'answered', agentExtension: '101' },
      { kind: 'call', externalId: 'in_0f3c9a2b7d:ended', callId: 'in_0f3c9a2b7d', contact, direction: 'inbound', phase: 'ended', agentExtension: '101', durationSec: 125, recordingRef: '1710411300.1585217' },
      { kind: 'call_recording', externalId: 'in_0f3c9a2b7d:recording:1710411300.1585217', callId: 'in_0f3c9a2b7d', recordingRef: '1710411300.1585217' },
    ]);
  });

  it('reports an incoming call that ended unanswered as missed', async () => {
    const [event] = (await parse(zadarma.end(call, { duration: 0, disposition: 'no answer' }))).events;
    expect(event).toMatchObject({ phase: 'missed', durationSec: 0, direction: 'inbound' });
    expect(event).not.toHaveProperty('recordingRef');
  });

  it('turns outgoing calls into outbound events for the dialled customer and the calling extension', async () => {
    const [started] = (await parse(zadarma.outStart(call, '102'))).events;
    const [ended] = (await parse(zadarma.outEnd(call, { internal: '102', duration: 40, disposition: 'answered', recordId: 'rec-9' }))).events;
    expect(started).toMatchObject({ direction: 'outbound', phase: 'started', agentExtension: '102', contact: { externalId: '+79123456789' } });
    expect(ended).toMatchObject({ direction: 'outbound', phase: 'ended', durationSec: 40, recordingRef: 'rec-9' });
  });

  it('acknowledges notifications it does not handle with nothing to store', async () => {
    const request = webhookRequest({ rawBody: 'event=NOTIFY_IVR&pbx_call_id=in_1&caller_id=79123456789', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await adapter.verify(request, zadarmaContext());
    expect((await adapter.parse(request, zadarmaContext())).events).toEqual([]);
  });

  describe('recordings', () => {
    let api: FakeZadarmaApi;
    beforeAll(async () => {
      api = await startFakeZadarmaApi();
      api.recordings.set('1710411300.1585217', Buffer.from([0x49, 0x44, 0x33, 0xff, 0xfb, 0x90]));
    });
    afterAll(() => api.close());

    it('asks the API for a link with a signed request and downloads the file', async () => {
      const local = new TelephonyChannelAdapter({ allowPrivateAddresses: true });
      const file = await local.download({ externalId: '1710411300.1585217', fileName: 'call.mp3', contentType: 'audio/mpeg' }, zadarmaContext(api.url), 1_000_000);
      expect(file.data).toEqual(Buffer.from([0x49, 0x44, 0x33, 0xff, 0xfb, 0x90]));
      expect(file.contentType).toBe('audio/mpeg');
    });

    it('refuses the link when it points into a private network', async () => {
      const error = await expectChannelError(adapter.download({ externalId: '1710411300.1585217', fileName: 'x', contentType: 'audio/mpeg' }, zadarmaContext(api.url), 1_000_000), 'permanent');
      expect(error.reason).toContain('private network');
    });

    it('fails permanently for an unknown recording or wrong keys', async () => {
      const local = new TelephonyChannelAdapter({ allowPrivateAddresses: true });
      await expectChannelError(local.download({ externalId: 'nope', fileName: 'x', contentType: 'audio/mpeg' }, zadarmaContext(api.url), 100), 'permanent');
      const wrongKey = { inboxId, settings: { provider: 'zadarma', secret: 'wrong', credentials: { apiKey: ZADARMA_KEY }, apiBaseUrl: api.url } };
      await expectChannelError(local.download({ externalId: '1710411300.1585217', fileName: 'x', contentType: 'audio/mpeg' }, wrongKey, 100), 'permanent');
    });
  });
});

describe('TelephonyChannelAdapter with the generic format', () => {
  it('names the customer by direction and keeps duration, recording and agent', async () => {
    const ended: GenericCallEvent = { callId: 'c-7', event: 'ended', direction: 'outbound', from: '101', to: '8 912 345 67 89', agentExtension: '101', durationSec: 61, recordingUrl: 'https://pbx.example.com/rec/c-7.mp3', at: '2025-03-14T10:20:00+03:00' };
    const { events } = await adapter.parse(signedJson([genericEvent, ended]), genericContext);
    expect(events).toEqual([
      { kind: 'call', externalId: 'c-100:started', callId: 'c-100', contact: { externalId: '+79123456789', phone: '+79123456789' }, direction: 'inbound', phase: 'started' },
      {
        kind: 'call',
        externalId: 'c-7:ended',
        callId: 'c-7',
        contact: { externalId: '+79123456789', phone: '+79123456789' },
        direction: 'outbound',
        phase: 'ended',
        agentExtension: '101',
        durationSec: 61,
        recordingUrl: 'https://pbx.example.com/rec/c-7.mp3',
        at: new Date('2025-03-14T07:20:00Z'),
      },
    ]);
  });

  it('gives each ringing extension its own step', async () => {
    const ring = (agentExtension: string) => ({ ...genericEvent, agentExtension });
    const { events } = await adapter.parse(signedJson([ring('101'), ring('102')]), genericContext);
    expect(events.map((e) => e.externalId)).toEqual(['c-100:started:101', 'c-100:started:102']);
  });

  it('keeps a caller id that is not a number as the contact id', async () => {
    const [event] = (await adapter.parse(signedJson({ ...genericEvent, from: 'anonymous' }), genericContext)).events;
    expect(event).toMatchObject({ contact: { externalId: 'anonymous' } });
  });

  it('lists the offending fields of an invalid event', async () => {
    const error = (await caughtError(adapter.parse(signedJson({ ...genericEvent, recordingUrl: 'ftp://x/y' }), genericContext))) as WebhookPayloadError;
    expect(error.issues.map((issue) => issue.field)).toEqual(['recordingUrl']);
  });

  describe('recordings', () => {
    let files: RecordingServer;
    beforeAll(async () => {
      files = await startRecordingServer();
    });
    afterAll(() => files.close());

    it('downloads a recording URL only from a public address unless private ones are allowed', async () => {
      const url = files.add('/rec/c-7.mp3', Buffer.from('ID3 audio'));
      await expectChannelError(adapter.download({ url, fileName: 'c-7.mp3', contentType: 'audio/mpeg' }, genericContext, 1000), 'permanent');
      const local = new TelephonyChannelAdapter({ allowPrivateAddresses: true });
      expect((await local.download({ url, fileName: 'c-7.mp3', contentType: 'audio/mpeg' }, genericContext, 1000)).data.toString()).toBe('ID3 audio');
    });

    it('honours the inbox allow-list of recording hosts', async () => {
      const dns: HostResolver = async () => ['93.184.216.34'];
      const strict = new TelephonyChannelAdapter({ resolveHost: dns });
      const context = { inboxId, settings: { provider: 'generic', secret: SECRET, recordingHosts: ['records.example.com'] } };
      const error = await expectChannelError(strict.download({ url: 'https://evil.example.org/x.mp3', fileName: 'x', contentType: 'audio/mpeg' }, context, 1000), 'permanent');
      expect(error.reason).toContain('allowed hosts');
    });
  });
});

describe('TelephonyChannelAdapter with an Asterisk AMI bridge', () => {
  const linkedid = '1710411300.42';
  const parse = async (body: unknown) => (await adapter.parse(signedJson(body), asteriskContext)).events;

  it('follows an answered incoming call from the first channel to the CDR', async () => {
    const events = await parse([
      newchannel,
      ami.dialBegin({ linkedid, callerIdNum: '79123456789', agent: '101' }),
      ami.dialEnd({ linkedid, callerIdNum: '79123456789', agent: '101', status: 'ANSWER' }),
      { Event: 'Hangup', Uniqueid: linkedid, Linkedid: linkedid, Cause: '16' },
      ami.cdr({ linkedid, source: '79123456789', destination: '74951234567', agent: '101', disposition: 'ANSWERED', billsec: 125, recordingUrl: 'https://pbx.example.com/mon/42.mp3' }),
    ]);
    expect(events.map((e) => e.kind === 'call' && [e.externalId, e.phase, e.agentExtension ?? null])).toEqual([
      [`${linkedid}:started`, 'started', null],
      [`${linkedid}:ringing:101`, 'started', '101'],
      [`${linkedid}:answered`, 'answered', '101'],
      [`${linkedid}:ended`, 'ended', '101'],
    ]);
    expect(events[3]).toMatchObject({ durationSec: 125, recordingUrl: 'https://pbx.example.com/mon/42.mp3', contact: { externalId: '+79123456789' } });
  });

  it('reports an unanswered incoming call as missed and an outgoing one by the dialled number', async () => {
    const [missed] = await parse(ami.cdr({ linkedid, source: '79123456789', destination: '74951234567', disposition: 'NO ANSWER', billsec: 0 }));
    expect(missed).toMatchObject({ phase: 'missed', direction: 'inbound', durationSec: 0 });
    const [outgoing] = await parse(ami.cdr({ linkedid: '1710411999.7', source: '102', destination: '89123456789', disposition: 'ANSWERED', billsec: 33 }));
    expect(outgoing).toMatchObject({ phase: 'ended', direction: 'outbound', agentExtension: '102', contact: { externalId: '+79123456789' }, durationSec: 33 });
  });

  it('ignores internal legs and agents that did not answer', async () => {
    expect(await parse({ ...newchannel, Uniqueid: `${linkedid}1` })).toEqual([]);
    expect(await parse(ami.dialEnd({ linkedid, callerIdNum: '79123456789', agent: '102', status: 'NOANSWER' }))).toEqual([]);
  });
});

describe('TelephonyChannelAdapter.send', () => {
  it('refuses text permanently and says what to do instead', async () => {
    const error = await caughtError(adapter.send({ messageId: 'm', conversationId: 'c', contact: { externalId: '+79123456789' }, text: 'Hi' }, genericContext));
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).kind).toBe('permanent');
    expect((error as ChannelError).reason).toContain('call the customer back');
  });
});

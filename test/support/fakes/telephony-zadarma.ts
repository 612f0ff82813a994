import { createHash, createHmac } from 'node:crypto';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';

/**
 * Zadarma as it talks to a CRM: PBX notifications POSTed as forms with a Signature header (PHP's
 * base64_encode(hash_hmac('sha1', …)) over event-specific fields, per Zadarma's user-api-v1), and the
 * REST API's /v1/pbx/record/request/ that answers a temporary link to a call recording.
 */

export const ZADARMA_KEY = 'a248a6a984459935b569';
export const ZADARMA_SECRET = '8a8e91d214fb728889c7';

export const phpHmacSha1Base64 = (secret: string, data: string) => Buffer.from(createHmac('sha1', secret).update(data).digest('hex')).toString('base64');

export interface ZadarmaNotification {
  /** The form body, as Zadarma posts it. */
  body: string;
  signature: string;
  params: Record<string, string>;
}

function notification(secret: string, params: Record<string, string>, signed: string[]): ZadarmaNotification {
  return { body: new URLSearchParams(params).toString(), signature: phpHmacSha1Base64(secret, signed.map((field) => params[field] ?? '').join('')), params };
}

export interface ZadarmaCall {
  pbxCallId: string;
  callerId: string;
  calledDid: string;
  callStart: string;
}

export const zadarmaCall = (init: Partial<ZadarmaCall> = {}): ZadarmaCall => ({
  pbxCallId: init.pbxCallId ?? `in_${createHash('sha1').update(String(Math.random())).digest('hex')}`,
  callerId: init.callerId ?? '79123456789',
  calledDid: init.calledDid ?? '74951234567',
  callStart: init.callStart ?? '2025-03-14 10:15:00',
});

export const zadarma = {
  start: (call: ZadarmaCall, secret = ZADARMA_SECRET) =>
    notification(secret, { event: 'NOTIFY_START', call_start: call.callStart, pbx_call_id: call.pbxCallId, caller_id: call.callerId, called_did: call.calledDid }, ['caller_id', 'called_did', 'call_start']),
  internal: (call: ZadarmaCall, internal: string, secret = ZADARMA_SECRET) =>
    notification(
      secret,
      { event: 'NOTIFY_INTERNAL', call_start: call.callStart, pbx_call_id: call.pbxCallId, caller_id: call.callerId, called_did: call.calledDid, internal },
      ['caller_id', 'called_did', 'call_start'],
    ),
  answer: (call: ZadarmaCall, internal: string, secret = ZADARMA_SECRET) =>
    notification(
      secret,
      { event: 'NOTIFY_ANSWER', caller_id: call.callerId, destination: internal, call_start: call.callStart, pbx_call_id: call.pbxCallId, internal },
      ['caller_id', 'destination', 'call_start'],
    ),
  end: (call: ZadarmaCall, init: { internal?: string; duration: number; disposition: string; recordId?: string }, secret = ZADARMA_SECRET) =>
    notification(
      secret,
      {
        event: 'NOTIFY_END',
        call_start: call.callStart,
        pbx_call_id: call.pbxCallId,
        caller_id: call.callerId,
        called_did: call.calledDid,
        ...(init.internal ? { internal: init.internal } : {}),
        duration: String(init.duration),
        disposition: init.disposition,
        status_code: init.disposition === 'answered' ? '16' : '19',
        is_recorded: init.recordId ? '1' : '0',
        call_id_with_rec: init.recordId ?? '',
      },
      ['caller_id', 'called_did', 'call_start'],
    ),
  outStart: (call: ZadarmaCall, internal: string, secret = ZADARMA_SECRET) =>
    notification(
      secret,
      { event: 'NOTIFY_OUT_START', call_start: call.callStart, pbx_call_id: call.pbxCallId, internal, destination: call.callerId },
      ['internal', 'destination', 'call_start'],
    ),
  outEnd: (call: ZadarmaCall, init: { internal: string; duration: number; disposition: string; recordId?: string }, secret = ZADARMA_SECRET) =>
    notification(
      secret,
      {
        event: 'NOTIFY_OUT_END',
        call_start: call.callStart,
        pbx_call_id: call.pbxCallId,
        caller_id: call.calledDid,
        destination: call.callerId,
        internal: init.internal,
        duration: String(init.duration),
        disposition: init.disposition,
        status_code: '16',
        is_recorded: init.recordId ? '1' : '0',
        call_id_with_rec: init.recordId ?? '',
      },
      ['internal', 'destination', 'call_start'],
    ),
  record: (call: ZadarmaCall, recordId: string, secret = ZADARMA_SECRET) =>
    notification(secret, { event: 'NOTIFY_RECORD', call_id_with_rec: recordId, pbx_call_id: call.pbxCallId }, ['pbx_call_id', 'call_id_with_rec']),
};

export interface FakeZadarmaApi {
  url: string;
  server: FakeHttpServer;
  /** Recording files by call_id_with_rec. */
  recordings: Map<string, Buffer>;
  close(): Promise<void>;
}

/** Answers /v1/pbx/record/request/ when the Authorization header is signed right, and serves the linked files. */
export async function startFakeZadarmaApi(): Promise<FakeZadarmaApi> {
  const recordings = new Map<string, Buffer>();
  let baseUrl = '';
  const server = await startFakeHttpServer((request) => {
    const url = new URL(request.path, 'http://fake');
    if (url.pathname === '/v1/pbx/record/request/') {
      const params = Object.fromEntries([...url.searchParams].sort(([a], [b]) => a.localeCompare(b)));
      const query = new URLSearchParams(params).toString();
      const expected = `${ZADARMA_KEY}:${phpHmacSha1Base64(ZADARMA_SECRET, url.pathname + query + createHash('md5').update(query).digest('hex'))}`;
      if (request.headers.authorization !== expected) return { status: 401, body: { status: 'error', message: 'Not authorized' } };
      const id = url.searchParams.get('call_id') ?? '';
      if (!recordings.has(id)) return { status: 200, body: { status: 'error', message: 'Record not found' } };
      return { status: 200, body: { status: 'success', link: `${baseUrl}/download/${id}.mp3`, lifetime_till: '2025-03-14 11:00:00' } };
    }
    const download = /^\/download\/(.+)\.mp3$/.exec(url.pathname);
    const file = download ? recordings.get(decodeURIComponent(download[1])) : undefined;
    if (file) return { status: 200, headers: { 'content-type': 'audio/mpeg', 'content-length': String(file.length) }, body: file };
    return { status: 404, body: 'not found' };
  });
  baseUrl = server.url;
  return { url: server.url, server, recordings, close: () => server.close() };
}

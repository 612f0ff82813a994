import { createHash } from 'node:crypto';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';

/** SMS.ru's HTTP API (https://sms.ru/api): /sms/send with api_id, answers in JSON with json=1, and its callbacks. */

export const SMSRU_API_ID = '5F2B3C4D-0000-1111-2222-333344445555';

export interface SmsRuSent {
  smsId: string;
  to: string;
  msg: string;
  from?: string;
}

export interface FakeSmsRu {
  url: string;
  server: FakeHttpServer;
  sent: SmsRuSent[];
  /** The next send answers this SMS.ru error for the number (HTTP 200, status ERROR). */
  refuseNext(code: number, text: string): void;
  close(): Promise<void>;
}

export async function startFakeSmsRu(): Promise<FakeSmsRu> {
  const sent: SmsRuSent[] = [];
  const refusals: Array<{ code: number; text: string }> = [];
  let counter = 0;
  const server = await startFakeHttpServer((request) => {
    const [path, query = ''] = request.path.split('?');
    if (path !== '/sms/send') return { status: 404, body: 'Not found' };
    const params = new URLSearchParams(request.method === 'POST' ? request.body.toString('utf8') : query);
    if (params.get('api_id') !== SMSRU_API_ID) return { status: 200, body: { status: 'ERROR', status_code: 200, status_text: 'Неправильный api_id' } };
    const to = params.get('to') ?? '';
    const msg = params.get('msg') ?? '';
    if (!msg) return { status: 200, body: { status: 'ERROR', status_code: 203, status_text: 'Нет текста сообщения' } };
    const refusal = refusals.shift();
    if (refusal) return { status: 200, body: { status: 'OK', status_code: 100, sms: { [to]: { status: 'ERROR', status_code: refusal.code, status_text: refusal.text } }, balance: 4122.56 } };
    counter += 1;
    const smsId = `20${String(counter).padStart(4, '0')}-1000${counter}`;
    sent.push({ smsId, to, msg, from: params.get('from') ?? undefined });
    return { status: 200, body: { status: 'OK', status_code: 100, sms: { [to]: { status: 'OK', status_code: 100, sms_id: smsId } }, balance: 4122.56 } };
  });
  return { url: server.url, server, sent, refuseNext: (code, text) => void refusals.push({ code, text }), close: () => server.close() };
}

/**
 * A delivery callback as SMS.ru posts it: `data[N]` entries "sms_status\n<sms_id>\n<status>\n<unix time>"
 * and `hash` = sha256(api_id + the entries joined), following SMS.ru's handler example.
 */
export function smsRuCallback(apiId: string, statuses: Array<{ smsId: string; status: number }>): string {
  const entries = statuses.map(({ smsId, status }) => `sms_status\n${smsId}\n${status}\n1717000000`);
  const form = new URLSearchParams();
  entries.forEach((entry, index) => form.append(`data[${index}]`, entry));
  form.append('hash', createHash('sha256').update(apiId + entries.join('')).digest('hex'));
  return form.toString();
}

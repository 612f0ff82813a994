import { createHash } from 'node:crypto';
import {
  ChannelError,
  WebhookAuthError,
  WebhookPayloadError,
  deliverHttp,
  timingSafeEqualStrings,
  type ChannelContext,
  type InboundEvent,
  type ParseResult,
  type WebhookRequest,
} from '@channel-adapters/core';
import { isJsonRequest, readForm, type SmsProvider, type SmsProviderOptions, type SmsToSend } from '../sms-provider.js';
import type { SmsChannelSettings } from '../sms.settings.js';
import { parseMappedJson, verifyBodySignature } from './generic.provider.js';

export const SMSRU_API = 'https://sms.ru';
/** SMS.ru treats any other answer to a callback as a failure of the handler and calls again. */
const CALLBACK_ACK = { status: 200, contentType: 'text/plain', body: '100' };

/** Delivery outcomes in SMS.ru's status codes (https://sms.ru/api/status); 100–102 are still on the way. */
const DELIVERED = 103;
const READ = 110;
const UNDELIVERED: Record<number, string> = {
  104: 'its lifetime expired',
  105: 'the operator deleted it',
  106: 'the phone failed to receive it',
  107: 'of an unknown reason',
  108: 'it was rejected',
  150: 'there is no route to this number',
};

/** Send errors worth telling apart: waiting helps with the per-minute limits and outages, nothing helps with the rest. */
const RATE_LIMITED = new Set([231, 233]);
const RETRYABLE = new Set([220, 500]);
const STOP_LISTED = 209;
const BAD_CREDENTIALS = new Set([200, 300, 301, 302]);
const PER_MINUTE_LIMIT_MS = 60_000;

interface SmsRuAnswer {
  status?: string;
  status_code?: number;
  status_text?: string;
  sms?: Record<string, { status?: string; status_code?: number; status_text?: string; sms_id?: string }>;
}

/**
 * SMS.ru: sends through /sms/send and reports delivery with callbacks (`data[]` entries signed with
 * sha256(api_id + entries)). It receives no SMS on most numbers, so inbound messages come in the
 * inbox's generic JSON format, signed with the inbox secret.
 */
export class SmsRuProvider implements SmsProvider {
  constructor(private readonly options: SmsProviderOptions) {}

  async verify(request: WebhookRequest, settings: SmsChannelSettings): Promise<void> {
    if (isJsonRequest(request)) return verifyBodySignature(request, settings);
    const apiId = settings.credentials.apiId;
    if (!apiId) throw new WebhookAuthError('This inbox has no credentials.apiId; enter the SMS.ru api_id in the inbox settings');
    const form = readForm(request);
    const given = form.get('hash')?.trim().toLowerCase();
    if (!given) throw new WebhookAuthError('Missing hash; SMS.ru signs its callbacks with sha256(api_id + data)');
    const expected = createHash('sha256').update(apiId + callbackEntries(form).join(''), 'utf8').digest('hex');
    if (!timingSafeEqualStrings(given, expected)) throw new WebhookAuthError('The callback hash does not match; check credentials.apiId');
  }

  async parse(request: WebhookRequest, settings: SmsChannelSettings): Promise<ParseResult> {
    if (isJsonRequest(request)) return parseMappedJson(request, settings);
    const entries = callbackEntries(readForm(request));
    if (entries.length === 0) throw new WebhookPayloadError('This is not an SMS.ru callback', [{ field: 'data', message: 'at least one data[] entry is required' }]);
    return { events: entries.flatMap(statusEvent), reply: CALLBACK_ACK };
  }

  async send(sms: SmsToSend, settings: SmsChannelSettings, context: ChannelContext): Promise<string> {
    const apiId = settings.credentials.apiId;
    if (!apiId) throw ChannelError.permanent('This inbox has no credentials.apiId; enter the SMS.ru api_id in the inbox settings');
    const to = sms.to.replace(/^\+/, '');
    const form = new URLSearchParams({ api_id: apiId, to, msg: sms.text, json: '1' });
    if (settings.from) form.set('from', settings.from);
    const response = await deliverHttp({
      target: 'SMS.ru',
      url: `${settings.baseUrl ?? SMSRU_API}/sms/send`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString(),
      timeoutMs: this.options.timeoutMs,
      fetch: context.fetch,
    });
    const answer = (await response.json().catch(() => undefined)) as SmsRuAnswer | undefined;
    if (!answer || answer.status !== 'OK') throw smsRuError(answer?.status_code, answer?.status_text ?? 'an unreadable answer');
    const result = answer.sms?.[to] ?? Object.values(answer.sms ?? {})[0];
    if (result?.status === 'OK' && result.sms_id) return result.sms_id;
    throw smsRuError(result?.status_code, result?.status_text ?? 'no result for the number');
  }
}

/** The `data[]` (or `data[0]`, `data[1]`, …) values in the order SMS.ru numbered them. */
function callbackEntries(form: URLSearchParams): string[] {
  const entries: Array<{ index: number; order: number; value: string }> = [];
  let order = 0;
  for (const [key, value] of form) {
    const match = /^data\[(\d*)\]$/.exec(key);
    if (match) entries.push({ index: match[1] === '' ? Number.POSITIVE_INFINITY : Number(match[1]), order: order++, value });
  }
  return entries.sort((a, b) => a.index - b.index || a.order - b.order).map((entry) => entry.value);
}

function statusEvent(entry: string): InboundEvent[] {
  const [type, smsId, code] = entry.split('\n').map((line) => line.trim());
  if (type !== 'sms_status') return [];
  if (!smsId || !code) throw new WebhookPayloadError('The SMS.ru callback is invalid', [{ field: 'data', message: 'sms_status needs an sms_id and a status code' }]);
  const status = Number(code);
  if (status === DELIVERED) return [{ kind: 'status', externalId: smsId, status: 'delivered' }];
  if (status === READ) return [{ kind: 'status', externalId: smsId, status: 'read' }];
  const why = UNDELIVERED[status];
  return why ? [{ kind: 'status', externalId: smsId, status: 'failed', error: `SMS.ru could not deliver the SMS because ${why} (status ${status})` }] : [];
}

function smsRuError(code: number | undefined, text: string): ChannelError {
  const reason = `SMS.ru refused the SMS: ${text}${code ? ` (code ${code})` : ''}`;
  if (code !== undefined && RATE_LIMITED.has(code)) return ChannelError.rateLimited(reason, PER_MINUTE_LIMIT_MS);
  if (code !== undefined && RETRYABLE.has(code)) return ChannelError.retryable(reason);
  if (code === STOP_LISTED) return ChannelError.permanent(`${reason}; the number is on the account's stop list`, { identityFlags: { smsOptedOut: true } });
  if (code !== undefined && BAD_CREDENTIALS.has(code)) return ChannelError.permanent(`${reason}; check credentials.apiId`);
  return ChannelError.permanent(reason);
}

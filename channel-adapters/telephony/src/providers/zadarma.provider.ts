import {
  ChannelError,
  WebhookAuthError,
  WebhookPayloadError,
  deliverHttp,
  downloadPublicFile,
  timingSafeEqualStrings,
  type ChannelContext,
  type DownloadedFile,
  type HostResolver,
  type InboundEvent,
  type ParseResult,
  type WebhookRequest,
} from '@channel-adapters/core';
import { callEvent, isExtension, seconds, type TelephonyProvider } from '../telephony-provider.js';
import type { TelephonyChannelSettings } from '../telephony.settings.js';
import { zadarmaApiAuthorization, zadarmaHmac, zadarmaSignedString } from './zadarma-signature.js';

export const ZADARMA_API = 'https://api.zadarma.com';
const RECORD_METHOD = '/v1/pbx/record/request/';
/** Zadarma reads the answer to NOTIFY_START as call routing; an empty answer leaves the PBX's own scenario. */
const EMPTY_REPLY = { status: 200, contentType: 'text/plain', body: '' };
/** Zadarma checks a notification URL with GET ?zd_echo=<random string> and expects the string back. */
const ECHO = /^[\w-]{1,100}$/;

export interface ZadarmaOptions {
  timeoutMs: number;
  resolveHost?: HostResolver;
  allowPrivateAddresses: boolean;
}

/** Zadarma's PBX notifications (form-encoded POSTs signed in the Signature header) and its recordings API. */
export class ZadarmaProvider implements TelephonyProvider {
  constructor(private readonly options: ZadarmaOptions) {}

  async verify(request: WebhookRequest, settings: TelephonyChannelSettings): Promise<void> {
    if (isEcho(request)) return;
    if (!settings.secret) throw new WebhookAuthError('This inbox has no secret; enter the Zadarma API secret in settings.secret');
    const form = new URLSearchParams(request.rawBody.toString('utf8'));
    const signed = zadarmaSignedString(form);
    // Notifications the product does not handle (NOTIFY_IVR, SMS, …) are acknowledged and ignored in parse.
    if (signed === undefined) return;
    const given = request.headers.signature?.trim();
    if (!given) throw new WebhookAuthError('Missing Signature header; enable the API key and secret in the Zadarma account so notifications are signed');
    if (!timingSafeEqualStrings(given, zadarmaHmac(settings.secret, signed))) {
      throw new WebhookAuthError('The Signature header does not match; check that settings.secret is the API secret of the Zadarma account');
    }
  }

  async parse(request: WebhookRequest, settings: TelephonyChannelSettings): Promise<ParseResult> {
    if (isEcho(request)) return { events: [], reply: { status: 200, contentType: 'text/plain', body: request.query.zd_echo } };
    const form = new URLSearchParams(request.rawBody.toString('utf8'));
    const event = form.get('event');
    if (!event) throw new WebhookPayloadError('This is not a Zadarma notification', [{ field: 'event', message: 'required' }]);
    return { events: toEvents(event, form, settings.defaultRegion), reply: EMPTY_REPLY };
  }

  /** Asks Zadarma for a temporary link to the recording, then fetches it. */
  async downloadRecording(ref: string, settings: TelephonyChannelSettings, context: ChannelContext, maxBytes: number): Promise<DownloadedFile> {
    const apiKey = settings.credentials.apiKey;
    if (!apiKey || !settings.secret) throw ChannelError.permanent('Recordings need credentials.apiKey and settings.secret (the Zadarma API key and secret)');
    const params = { call_id: ref, format: 'json' };
    const response = await deliverHttp({
      target: 'Zadarma',
      method: 'GET',
      url: `${settings.apiBaseUrl ?? ZADARMA_API}${RECORD_METHOD}?${new URLSearchParams(params)}`,
      headers: { authorization: zadarmaApiAuthorization(apiKey, settings.secret, RECORD_METHOD, params) },
      timeoutMs: this.options.timeoutMs,
      fetch: context.fetch,
    });
    const answer = (await response.json().catch(() => undefined)) as { status?: string; link?: string; links?: string[]; message?: string } | undefined;
    const link = answer?.link ?? answer?.links?.[0];
    if (answer?.status !== 'success' || !link) throw ChannelError.permanent(`Zadarma has no recording ${ref}: ${answer?.message ?? 'no link in the answer'}`);
    return downloadPublicFile(link, { maxBytes, timeoutMs: this.options.timeoutMs, resolve: this.options.resolveHost, allowPrivate: this.options.allowPrivateAddresses });
  }
}

function isEcho(request: WebhookRequest): boolean {
  return request.method === 'GET' && ECHO.test(request.query.zd_echo ?? '');
}

function required(form: URLSearchParams, ...fields: string[]): void {
  const missing = fields.filter((field) => !form.get(field)?.trim());
  if (missing.length) throw new WebhookPayloadError(`The ${form.get('event')} notification is incomplete`, missing.map((field) => ({ field, message: 'required' })));
}

function toEvents(event: string, form: URLSearchParams, region: string): InboundEvent[] {
  const get = (field: string) => form.get(field)?.trim() || undefined;
  const callId = get('pbx_call_id') ?? '';
  const recorded = get('is_recorded') === '1' ? get('call_id_with_rec') : undefined;
  switch (event) {
    case 'NOTIFY_START':
      required(form, 'pbx_call_id', 'caller_id');
      return [callEvent({ externalId: `${callId}:started`, callId, customer: get('caller_id')!, direction: 'inbound', phase: 'started' }, region)];
    case 'NOTIFY_INTERNAL':
      required(form, 'pbx_call_id', 'caller_id', 'internal');
      return [
        callEvent({ externalId: `${callId}:ringing:${get('internal')}`, callId, customer: get('caller_id')!, direction: 'inbound', phase: 'started', agentExtension: get('internal') }, region),
      ];
    case 'NOTIFY_ANSWER': {
      required(form, 'pbx_call_id', 'caller_id');
      const agent = get('internal') ?? (isExtension(get('destination')) ? get('destination') : undefined);
      return [callEvent({ externalId: `${callId}:answered`, callId, customer: get('caller_id')!, direction: 'inbound', phase: 'answered', agentExtension: agent }, region)];
    }
    case 'NOTIFY_END': {
      required(form, 'pbx_call_id', 'caller_id');
      const answered = get('disposition') === 'answered';
      return [
        callEvent(
          {
            externalId: `${callId}:ended`,
            callId,
            customer: get('caller_id')!,
            direction: 'inbound',
            phase: answered ? 'ended' : 'missed',
            agentExtension: get('internal'),
            durationSec: answered ? seconds(get('duration')) : 0,
            recordingRef: recorded,
          },
          region,
        ),
      ];
    }
    case 'NOTIFY_OUT_START':
      required(form, 'pbx_call_id', 'destination');
      return [callEvent({ externalId: `${callId}:started`, callId, customer: get('destination')!, direction: 'outbound', phase: 'started', agentExtension: get('internal') }, region)];
    case 'NOTIFY_OUT_END':
      required(form, 'pbx_call_id', 'destination');
      return [
        callEvent(
          {
            externalId: `${callId}:ended`,
            callId,
            customer: get('destination')!,
            direction: 'outbound',
            phase: 'ended',
            agentExtension: get('internal'),
            durationSec: get('disposition') === 'answered' ? seconds(get('duration')) : 0,
            recordingRef: recorded,
          },
          region,
        ),
      ];
    case 'NOTIFY_RECORD':
      required(form, 'pbx_call_id', 'call_id_with_rec');
      return [{ kind: 'call_recording', externalId: `${callId}:recording:${get('call_id_with_rec')}`, callId, recordingRef: get('call_id_with_rec') }];
    default:
      return [];
  }
}

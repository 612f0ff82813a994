import {
  ChannelError,
  DEFAULT_RETRY_AFTER_MS,
  UrlNotAllowedError,
  WebhookAuthError,
  WebhookPayloadError,
  assertPublicHttpUrl,
  channelErrorFromFetchFailure,
  parseRetryAfterMs,
  timingSafeEqualStrings,
  toE164,
  type ChannelContext,
  type InboundAttachment,
  type InboundEvent,
  type ParseResult,
  type WebhookRequest,
} from '@channel-adapters/core';
import { readForm, type SmsProvider, type SmsProviderOptions, type SmsToSend } from '../sms-provider.js';
import type { SmsChannelSettings } from '../sms.settings.js';
import { twilioSignature, urlVariants } from './twilio-signature.js';

export const TWILIO_API = 'https://api.twilio.com';
/** Twilio reads the answer to an inbound SMS as TwiML; an empty Response sends nothing back. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const MAX_MEDIA = 10;

/** The error codes whose meaning is clear enough to say what to do (https://www.twilio.com/docs/api/errors). */
const OPTED_OUT = 21610;
const TOO_MANY_REQUESTS = 20429;
const AUTHENTICATION = 20003;

/** Twilio's Programmable Messaging: form-encoded webhooks signed with X-Twilio-Signature, and the REST Messages API. */
export class TwilioSmsProvider implements SmsProvider {
  constructor(private readonly options: SmsProviderOptions) {}

  async verify(request: WebhookRequest, settings: SmsChannelSettings, context: ChannelContext): Promise<void> {
    const token = settings.credentials.authToken;
    if (!token) throw new WebhookAuthError('This inbox has no credentials.authToken; enter the Twilio auth token in the inbox settings');
    if (!context.webhookUrl) throw new WebhookAuthError('X-Twilio-Signature covers the public webhook URL; set PUBLIC_URL so the server knows it');
    const given = request.headers['x-twilio-signature']?.trim();
    if (!given) throw new WebhookAuthError('Missing X-Twilio-Signature header; only Twilio may call this webhook');
    const params = readForm(request);
    const url = withQuery(context.webhookUrl, request.query);
    if (!urlVariants(url).some((variant) => timingSafeEqualStrings(given, twilioSignature(token, variant, params)))) {
      throw new WebhookAuthError(`X-Twilio-Signature does not match; check the auth token and that Twilio calls exactly ${context.webhookUrl}`);
    }
  }

  async parse(request: WebhookRequest, settings: SmsChannelSettings): Promise<ParseResult> {
    const form = readForm(request);
    const sid = form.get('MessageSid') ?? form.get('SmsSid');
    if (!sid) throw new WebhookPayloadError('This is not a Twilio message webhook', [{ field: 'MessageSid', message: 'required' }]);
    const status = form.get('MessageStatus');
    if (status && status !== 'received') return { events: statusEvents(sid, status, form) };
    return { events: [await this.messageEvent(sid, form, settings)], reply: { status: 200, contentType: 'text/xml', body: EMPTY_TWIML } };
  }

  async send(sms: SmsToSend, settings: SmsChannelSettings, context: ChannelContext): Promise<string> {
    const { accountSid, authToken } = settings.credentials;
    if (!accountSid || !authToken) throw ChannelError.permanent('This inbox lacks credentials.accountSid or credentials.authToken; enter both from the Twilio console');
    if (!settings.from && !settings.messagingServiceSid) throw ChannelError.permanent('Set settings.from (a Twilio number) or settings.messagingServiceSid to send SMS');
    const form = new URLSearchParams({ To: sms.to, Body: sms.text });
    if (settings.messagingServiceSid) form.set('MessagingServiceSid', settings.messagingServiceSid);
    else form.set('From', settings.from!);
    if (context.webhookUrl) form.set('StatusCallback', context.webhookUrl);
    const url = `${settings.baseUrl ?? TWILIO_API}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    let response: Response;
    try {
      response = await (context.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        },
        body: form.toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw channelErrorFromFetchFailure('Twilio', error);
    }
    const answer = (await response.json().catch(() => undefined)) as { sid?: string; code?: number; message?: string } | undefined;
    if (response.ok && answer?.sid) return answer.sid;
    throw twilioError(response, answer);
  }

  private async messageEvent(sid: string, form: URLSearchParams, settings: SmsChannelSettings): Promise<InboundEvent> {
    const from = form.get('From')?.trim();
    if (!from) throw new WebhookPayloadError('The Twilio message is invalid', [{ field: 'From', message: 'required' }]);
    const { attachments, dropped } = await this.media(form, settings);
    const phone = toE164(from, settings.defaultRegion);
    const to = form.get('To');
    return {
      kind: 'message',
      externalId: sid,
      contact: { externalId: phone ?? from, phone },
      text: form.get('Body') || undefined,
      attachments: attachments.length ? attachments : undefined,
      attributes: { ...(to ? { to } : {}), ...(dropped.length ? { droppedMedia: dropped } : {}) },
    };
  }

  /** MMS media are passed on only from Twilio's own hosts and never from a private address. */
  private async media(form: URLSearchParams, settings: SmsChannelSettings) {
    const attachments: InboundAttachment[] = [];
    const dropped: Array<{ contentType: string; reason: string }> = [];
    const count = Math.min(Number(form.get('NumMedia')) || 0, MAX_MEDIA);
    for (let index = 0; index < count; index++) {
      const url = form.get(`MediaUrl${index}`);
      const contentType = form.get(`MediaContentType${index}`) || 'application/octet-stream';
      if (!url) continue;
      try {
        await assertPublicHttpUrl(url, { allowHosts: settings.mediaHosts, allowPrivate: this.options.allowPrivateMedia, resolve: this.options.resolveHost });
        attachments.push({ url, contentType, fileName: mediaFileName(url, contentType) });
      } catch (error) {
        if (!(error instanceof UrlNotAllowedError)) throw error;
        dropped.push({ contentType, reason: error.reason });
      }
    }
    return { attachments, dropped };
  }
}

function statusEvents(sid: string, status: string, form: URLSearchParams): InboundEvent[] {
  if (status === 'delivered' || status === 'read') return [{ kind: 'status', externalId: sid, status }];
  if (status === 'undelivered' || status === 'failed') {
    const code = form.get('ErrorCode');
    const detail = form.get('ErrorMessage');
    const error = `Twilio reports the SMS ${status}${code ? ` (error ${code}${detail ? `: ${detail}` : ''})` : ''}`;
    return [{ kind: 'status', externalId: sid, status: 'failed', error }];
  }
  // queued, sending, sent, accepted: not yet an outcome the agent needs to see.
  return [];
}

function twilioError(response: Response, answer: { code?: number; message?: string } | undefined): ChannelError {
  const reason = `Twilio answered ${response.status}${answer?.code ? ` (error ${answer.code}: ${answer.message ?? ''})` : ''}`;
  if (response.status === 429 || answer?.code === TOO_MANY_REQUESTS) {
    return ChannelError.rateLimited(reason, parseRetryAfterMs(response.headers.get('retry-after')) ?? DEFAULT_RETRY_AFTER_MS);
  }
  if (answer?.code === OPTED_OUT) {
    return ChannelError.permanent(`${reason}; the customer replied STOP, so SMS to them are blocked until they text START`, { identityFlags: { smsOptedOut: true } });
  }
  if (response.status === 401 || answer?.code === AUTHENTICATION) return ChannelError.permanent(`${reason}; check credentials.accountSid and credentials.authToken`);
  if (response.status === 408 || response.status >= 500) return ChannelError.retryable(reason);
  return ChannelError.permanent(reason);
}

function withQuery(url: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${url}${url.includes('?') ? '&' : '?'}${search}` : url;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'video/mp4': 'mp4', 'audio/mpeg': 'mp3', 'text/vcard': 'vcf' };

function mediaFileName(url: string, contentType: string): string {
  const base = new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'media';
  const extension = EXTENSIONS[contentType] ?? contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '');
  return extension && !base.includes('.') ? `${base}.${extension}` : base;
}

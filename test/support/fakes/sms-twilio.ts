import { createHmac } from 'node:crypto';
import { startFakeHttpServer, type FakeHttpServer } from '@channel-adapters/core/testing';

/**
 * Twilio's Messages API and webhooks as Twilio speaks them: form-encoded requests, HTTP basic auth
 * with the account SID and auth token, JSON message resources and JSON errors with Twilio's codes.
 */

export const TWILIO_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const TWILIO_AUTH_TOKEN = 'twilio-auth-token-7f3a9c';
export const TWILIO_NUMBER = '+15005550006';

/**
 * X-Twilio-Signature as Twilio's security documentation describes it, written independently of the
 * adapter: the URL, then each parameter name and value sorted by name, HMAC-SHA1, base64.
 */
export function twilioSignatureOf(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}

export interface TwilioMedia {
  url: string;
  contentType: string;
}

/** The parameters Twilio POSTs for an incoming SMS or MMS. */
export function twilioInboundSms(init: { sid: string; from: string; body: string; to?: string; media?: TwilioMedia[] }): Record<string, string> {
  const media = init.media ?? [];
  const params: Record<string, string> = {
    ToCountry: 'US',
    ToState: 'CA',
    SmsMessageSid: init.sid,
    NumMedia: String(media.length),
    ToCity: 'SAN FRANCISCO',
    FromZip: '',
    SmsSid: init.sid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: init.body,
    FromCountry: 'RU',
    To: init.to ?? TWILIO_NUMBER,
    ToZip: '94105',
    NumSegments: '1',
    MessageSid: init.sid,
    AccountSid: TWILIO_ACCOUNT_SID,
    From: init.from,
    ApiVersion: '2010-04-01',
  };
  media.forEach((item, index) => {
    params[`MediaUrl${index}`] = item.url;
    params[`MediaContentType${index}`] = item.contentType;
  });
  return params;
}

/** The parameters of a status callback (StatusCallback URL of a sent message). */
export function twilioStatusCallback(init: { sid: string; status: string; to: string; errorCode?: string }): Record<string, string> {
  return {
    SmsSid: init.sid,
    SmsStatus: init.status,
    MessageStatus: init.status,
    To: init.to,
    MessageSid: init.sid,
    AccountSid: TWILIO_ACCOUNT_SID,
    From: TWILIO_NUMBER,
    ApiVersion: '2010-04-01',
    ...(init.errorCode ? { ErrorCode: init.errorCode } : {}),
  };
}

export interface TwilioSentMessage {
  sid: string;
  accountSid: string;
  params: Record<string, string>;
}

export interface FakeTwilio {
  /** The baseUrl to give the adapter. */
  url: string;
  server: FakeHttpServer;
  sent: TwilioSentMessage[];
  /** The next Messages call fails with this HTTP status and, when given, Twilio's error code. */
  failNext(status: number, error?: { code?: number; message?: string }, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const sent: TwilioSentMessage[] = [];
  let counter = 0;
  const expectedAuth = `Basic ${Buffer.from(`${TWILIO_ACCOUNT_SID}:${TWILIO_AUTH_TOKEN}`).toString('base64')}`;
  const server = await startFakeHttpServer((request) => {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
    if (!match || request.method !== 'POST') return { status: 404, body: { code: 20404, message: 'The requested resource was not found', status: 404 } };
    if (request.headers.authorization !== expectedAuth || match[1] !== TWILIO_ACCOUNT_SID) {
      return { status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } };
    }
    const params = Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
    if (!params.To || !params.Body || (!params.From && !params.MessagingServiceSid)) {
      return { status: 400, body: { code: 21604, message: "A 'To' phone number is required.", status: 400 } };
    }
    counter += 1;
    const sid = `SM${String(counter).padStart(32, '0')}`;
    sent.push({ sid, accountSid: match[1], params });
    return {
      status: 201,
      body: { sid, account_sid: match[1], to: params.To, from: params.From ?? null, body: params.Body, status: 'queued', num_segments: '1', direction: 'outbound-api', api_version: '2010-04-01', error_code: null },
    };
  });
  return {
    url: server.url,
    server,
    sent,
    failNext: (status, error, headers) => server.respondNext({ status, headers, body: { code: error?.code ?? status, message: error?.message ?? 'Error', status } }),
    close: () => server.close(),
  };
}

import { z } from 'zod';
import {
  WebhookAuthError,
  WebhookPayloadError,
  hmacSha256Hex,
  readJsonBody,
  timingSafeEqualStrings,
  type ParseResult,
  type WebhookRequest,
} from '@channel-adapters/core';
import { callEvent, type TelephonyProvider } from '../telephony-provider.js';
import type { TelephonyChannelSettings } from '../telephony.settings.js';

export const SIGNATURE_HEADER = 'x-signature';
export const signatureOf = (secret: string, body: string | Buffer) => `sha256=${hmacSha256Hex(secret, body)}`;

const callSchema = z.object({
  callId: z.string().trim().min(1).max(200),
  event: z.enum(['started', 'answered', 'ended', 'missed']),
  direction: z.enum(['inbound', 'outbound']),
  from: z.string().trim().min(1).max(100),
  to: z.string().trim().min(1).max(100),
  agentExtension: z.string().trim().min(1).max(50).optional(),
  durationSec: z.number().int().min(0).max(7 * 24 * 3600).optional(),
  recordingUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});
const batchSchema = z.array(callSchema).min(1).max(100);

/** Checks `sha256=<hex HMAC-SHA256 of the raw body with the inbox secret>` in X-Signature. */
export function verifyHmacSignature(request: WebhookRequest, settings: TelephonyChannelSettings): void {
  if (!settings.secret) throw new WebhookAuthError('This inbox has no secret; set settings.secret');
  const given = request.headers[SIGNATURE_HEADER]?.trim().toLowerCase();
  if (!given) throw new WebhookAuthError('Missing X-Signature header; sign the raw body with HMAC-SHA256 and the inbox secret');
  if (!timingSafeEqualStrings(given, signatureOf(settings.secret, request.rawBody))) {
    throw new WebhookAuthError('X-Signature does not match the body; sign the exact bytes sent with the inbox secret');
  }
}

/**
 * The product's own call-event format for any PBX: one JSON object (or an array of them) per
 * change of a call, `{callId, event, direction, from, to, agentExtension?, durationSec?, recordingUrl?, at?}`.
 */
export class GenericTelephonyProvider implements TelephonyProvider {
  async verify(request: WebhookRequest, settings: TelephonyChannelSettings): Promise<void> {
    verifyHmacSignature(request, settings);
  }

  async parse(request: WebhookRequest, settings: TelephonyChannelSettings): Promise<ParseResult> {
    const body = readJsonBody(request);
    // Parsed by shape rather than as a union, so a mistake is reported at its field.
    const result = Array.isArray(body) ? batchSchema.safeParse(body) : callSchema.safeParse(body);
    if (!result.success) throw WebhookPayloadError.fromIssues('The call event is invalid', result.error.issues);
    const calls = Array.isArray(result.data) ? result.data : [result.data];
    const events = calls.map((call) => {
      // Several extensions may ring for one call: each ringing is a step of its own.
      const ringing = call.event === 'started' && call.agentExtension ? `:${call.agentExtension}` : '';
      return callEvent(
        {
          externalId: `${call.callId}:${call.event}${ringing}`,
          callId: call.callId,
          customer: call.direction === 'inbound' ? call.from : call.to,
          direction: call.direction,
          phase: call.event,
          agentExtension: call.agentExtension,
          durationSec: call.durationSec,
          recordingUrl: call.recordingUrl,
          at: call.at ? new Date(call.at) : undefined,
        },
        settings.defaultRegion,
      );
    });
    return { events };
  }
}

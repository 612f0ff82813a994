import { WebhookPayloadError, readJsonBody, type InboundEvent, type ParseResult, type WebhookRequest } from '@channel-adapters/core';
import { callEvent, isExtension, seconds, type TelephonyProvider } from '../telephony-provider.js';
import type { TelephonyChannelSettings } from '../telephony.settings.js';
import { verifyHmacSignature } from './generic.provider.js';

type AmiEvent = Record<string, string | undefined>;

/** "PJSIP/101-0000002a", "SIP/101-…", "Local/101@from-queue-…;1" → "101". */
export function extensionOfChannel(channel: string | undefined): string | undefined {
  const match = /^(?:PJSIP|SIP|IAX2|Local)\/([^-@;/]+)/i.exec(channel ?? '');
  return isExtension(match?.[1]) ? match![1] : undefined;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : typeof value === 'number' ? String(value) : undefined);

/**
 * Asterisk Manager Interface events forwarded as JSON by a small bridge on the PBX: each AMI event
 * becomes one JSON object with AMI's own field names (an array for several), signed like the generic
 * format (X-Signature: sha256=<HMAC of the raw body>). The bridge may add `RecordingUrl` to the Cdr
 * event where the PBX publishes its MixMonitor files. A caller id of 2–6 digits is an agent's extension,
 * so a call from one is outbound.
 */
export class AsteriskProvider implements TelephonyProvider {
  async verify(request: WebhookRequest, settings: TelephonyChannelSettings): Promise<void> {
    verifyHmacSignature(request, settings);
  }

  async parse(request: WebhookRequest, settings: TelephonyChannelSettings): Promise<ParseResult> {
    const body = readJsonBody(request);
    const items = Array.isArray(body) ? body : [body];
    if (items.length === 0 || items.some((item) => typeof item !== 'object' || item === null || !text((item as AmiEvent).Event))) {
      throw new WebhookPayloadError('The bridge must send AMI events as JSON objects', [{ field: 'Event', message: 'every event needs its AMI Event name' }]);
    }
    const events = items.flatMap((item) => {
      const fields = Object.fromEntries(Object.entries(item as Record<string, unknown>).map(([key, value]) => [key, text(value)]));
      return toEvents(fields, settings.defaultRegion);
    });
    return { events };
  }
}

function requireFields(event: AmiEvent, ...fields: string[]): void {
  const missing = fields.filter((field) => !event[field]);
  if (missing.length) throw new WebhookPayloadError(`The ${event.Event} event is incomplete`, missing.map((field) => ({ field, message: 'required' })));
}

function toEvents(event: AmiEvent, region: string): InboundEvent[] {
  switch (event.Event) {
    case 'Newchannel':
      return newChannel(event, region);
    case 'DialBegin':
      return dialBegin(event, region);
    case 'DialEnd':
      return dialEnd(event, region);
    case 'Cdr':
      return cdr(event, region);
    default:
      // Hangup, BridgeEnter, VarSet, …: the Cdr at the end says everything they would.
      return [];
  }
}

/** The first channel of a call (its own Linkedid) starts it. */
function newChannel(event: AmiEvent, region: string): InboundEvent[] {
  requireFields(event, 'Uniqueid', 'Linkedid', 'CallerIDNum');
  if (event.Uniqueid !== event.Linkedid) return [];
  const callId = event.Linkedid!;
  if (isExtension(event.CallerIDNum)) {
    if (!event.Exten || isExtension(event.Exten) || !/\d{5,}/.test(event.Exten)) return [];
    return [callEvent({ externalId: `${callId}:started`, callId, customer: event.Exten, direction: 'outbound', phase: 'started', agentExtension: event.CallerIDNum }, region)];
  }
  return [callEvent({ externalId: `${callId}:started`, callId, customer: event.CallerIDNum!, direction: 'inbound', phase: 'started' }, region)];
}

/** An agent's phone starts ringing for an incoming call. */
function dialBegin(event: AmiEvent, region: string): InboundEvent[] {
  requireFields(event, 'Linkedid', 'CallerIDNum');
  if (isExtension(event.CallerIDNum)) return [];
  const agent = extensionOfChannel(event.DestChannel) ?? (isExtension(event.DestCallerIDNum) ? event.DestCallerIDNum : undefined);
  if (!agent) return [];
  const callId = event.Linkedid!;
  return [callEvent({ externalId: `${callId}:ringing:${agent}`, callId, customer: event.CallerIDNum!, direction: 'inbound', phase: 'started', agentExtension: agent }, region)];
}

function dialEnd(event: AmiEvent, region: string): InboundEvent[] {
  requireFields(event, 'Linkedid', 'CallerIDNum', 'DialStatus');
  if (event.DialStatus !== 'ANSWER') return [];
  const callId = event.Linkedid!;
  if (isExtension(event.CallerIDNum)) {
    const customer = event.DestCallerIDNum ?? event.DialString?.replace(/^.*\//, '');
    if (!customer) return [];
    return [callEvent({ externalId: `${callId}:answered`, callId, customer, direction: 'outbound', phase: 'answered', agentExtension: event.CallerIDNum }, region)];
  }
  const agent = extensionOfChannel(event.DestChannel) ?? (isExtension(event.DestCallerIDNum) ? event.DestCallerIDNum : undefined);
  return [callEvent({ externalId: `${callId}:answered`, callId, customer: event.CallerIDNum!, direction: 'inbound', phase: 'answered', agentExtension: agent }, region)];
}

/** The call detail record at the end: duration, outcome and, through the bridge, the recording. */
function cdr(event: AmiEvent, region: string): InboundEvent[] {
  requireFields(event, 'Source', 'Destination', 'Disposition');
  const callId = event.Linkedid ?? event.UniqueID;
  if (!callId) throw new WebhookPayloadError('The Cdr event is incomplete', [{ field: 'UniqueID', message: 'required' }]);
  const answered = event.Disposition === 'ANSWERED';
  const outbound = isExtension(event.Source);
  return [
    callEvent(
      {
        externalId: `${callId}:ended`,
        callId,
        customer: outbound ? event.Destination! : event.Source!,
        direction: outbound ? 'outbound' : 'inbound',
        phase: answered || outbound ? 'ended' : 'missed',
        agentExtension: outbound ? event.Source : extensionOfChannel(event.DestinationChannel),
        durationSec: answered ? seconds(event.BillableSeconds) : 0,
        recordingUrl: answered ? event.RecordingUrl : undefined,
      },
      region,
    ),
  ];
}

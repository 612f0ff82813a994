import type { ChannelContext, DownloadedFile, InboundCallEvent, InboundContact, ParseResult, WebhookRequest } from '@channel-adapters/core';
import { toE164 } from '@channel-adapters/core';
import type { TelephonyChannelSettings } from './telephony.settings.js';

/** One PBX's or cloud telephony's webhook format. */
export interface TelephonyProvider {
  verify(request: WebhookRequest, settings: TelephonyChannelSettings): Promise<void>;
  parse(request: WebhookRequest, settings: TelephonyChannelSettings): Promise<ParseResult>;
  /** Fetches a recording the provider keeps behind its API (InboundCallEvent.recordingRef). */
  downloadRecording?(ref: string, settings: TelephonyChannelSettings, context: ChannelContext, maxBytes: number): Promise<DownloadedFile>;
}

/** The customer as a contact: their E.164 number when it is one, the raw caller id otherwise ("anonymous"). */
export function customerContact(number: string, region: string): InboundContact {
  const phone = toE164(number, region);
  return { externalId: phone ?? (number.trim() || 'unknown'), phone };
}

/** Agents' extensions are short digit strings ("101"); anything longer is a phone number. */
export const isExtension = (value: string | undefined): value is string => Boolean(value && /^\d{2,6}$/.test(value.trim()));

export type CallEventInit = Omit<InboundCallEvent, 'kind' | 'contact'> & { customer: string };

export function callEvent(init: CallEventInit, region: string): InboundCallEvent {
  const { customer, ...rest } = init;
  const event: InboundCallEvent = { kind: 'call', ...rest, contact: customerContact(customer, region) };
  for (const key of Object.keys(event) as Array<keyof InboundCallEvent>) if (event[key] === undefined) delete event[key];
  return event;
}

/** A duration field as providers send it ("125", 125, ""); undefined when absent or not a number. */
export function seconds(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(number) && number >= 0 ? Math.round(number) : undefined;
}

import type { InboundStatusEvent } from '@channel-adapters/core';
import type { ParsedMail } from 'mailparser';
import { normalizeMessageId } from './threading.js';

/** One recipient's block of a delivery status notification (RFC 3464). */
export interface RecipientReport {
  recipient?: string;
  action: string;
  status?: string;
  diagnostic?: string;
}

const ORIGINAL_PARTS = new Set(['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers', 'message/global', 'message/global-headers']);

/** Reads the per-recipient fields of a message/delivery-status part; unfolds continued lines. */
export function parseDeliveryStatus(text: string): RecipientReport[] {
  const blocks = text.replace(/\r\n?/g, '\n').replace(/\n[ \t]+/g, ' ').split(/\n\s*\n/);
  const reports: RecipientReport[] = [];
  for (const block of blocks) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim());
      if (match) fields.set(match[1].toLowerCase(), match[2].trim());
    }
    const action = fields.get('action')?.toLowerCase();
    if (!action) continue;
    reports.push({
      recipient: withoutType(fields.get('final-recipient') ?? fields.get('original-recipient')),
      action,
      status: fields.get('status'),
      diagnostic: withoutType(fields.get('diagnostic-code')),
    });
  }
  return reports;
}

/** "rfc822; someone@example.com" → "someone@example.com". */
function withoutType(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const [, rest] = /^[\w-]+\s*;\s*(.*)$/.exec(value) ?? [];
  return (rest ?? value).trim() || undefined;
}

/**
 * The Message-ID of the e-mail a report is about: from the returned original (or its headers)
 * when the report carries it, else the last Message-ID header quoted anywhere in the report.
 */
export function reportedMessageId(parsed: ParsedMail, raw: Buffer): string | undefined {
  for (const part of parsed.attachments) {
    if (!ORIGINAL_PARTS.has(part.contentType.toLowerCase())) continue;
    const id = messageIdHeaderIn(Buffer.from(part.content as Buffer).toString('utf8'));
    if (id) return id;
  }
  const own = normalizeMessageId(parsed.messageId);
  const quoted = [...raw.toString('utf8').matchAll(/^(?:Original-)?Message-ID:\s*(<[^<>\s]+>)/gim)].map((m) => m[1]).filter((id) => id !== own);
  return quoted.pop();
}

function messageIdHeaderIn(text: string): string | undefined {
  const match = /^(?:Message-ID|Original-Message-ID):\s*(<[^<>\s]+>)/im.exec(text);
  return match?.[1];
}

function partText(parsed: ParsedMail, contentType: string): string | undefined {
  const part = parsed.attachments.find((a) => a.contentType.toLowerCase() === contentType);
  return part ? Buffer.from(part.content as Buffer).toString('utf8') : undefined;
}

/**
 * A bounce as status events of the original message: failed with the server's reason, or
 * delivered when the report confirms delivery. A delay report says nothing final and yields none.
 */
export function deliveryReportEvents(parsed: ParsedMail, raw: Buffer): InboundStatusEvent[] {
  const originalId = reportedMessageId(parsed, raw);
  if (!originalId) return [];
  const at = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : undefined;
  const statusText = partText(parsed, 'message/delivery-status');
  const reports = statusText ? parseDeliveryStatus(statusText) : [];
  const failed = reports.filter((r) => r.action === 'failed');
  if (failed.length) {
    const reasons = failed.map((r) => `${r.recipient ?? 'the recipient'}: ${r.diagnostic ?? r.status ?? 'rejected'}`);
    return [{ kind: 'status', externalId: originalId, status: 'failed', error: `The e-mail was not delivered (${reasons.join('; ')})`, at }];
  }
  if (reports.some((r) => r.action === 'delivered' || r.action === 'relayed' || r.action === 'expanded')) {
    return [{ kind: 'status', externalId: originalId, status: 'delivered', at }];
  }
  if (reports.length) return [];
  // A bounce without a machine-readable report: its first lines are the best reason there is.
  const summary = (parsed.text ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  return [{ kind: 'status', externalId: originalId, status: 'failed', error: `The e-mail was not delivered${summary ? ` (${summary})` : ''}`, at }];
}

/** A read receipt (RFC 8098) as the original message being read. */
export function readReceiptEvents(parsed: ParsedMail): InboundStatusEvent[] {
  const notification = partText(parsed, 'message/disposition-notification');
  const originalId = notification ? messageIdHeaderIn(notification) : undefined;
  if (!originalId || !/displayed/i.test(notification ?? '')) return [];
  return [{ kind: 'status', externalId: originalId, status: 'read', at: parsed.date }];
}

import { createHash } from 'node:crypto';
import type { InboundAttachment, InboundContact, InboundEvent, InboundMessageEvent } from '@channel-adapters/core';
import { simpleParser, type AddressObject, type Attachment, type EmailAddress, type ParsedMail } from 'mailparser';
import { sanitizeEmailHtml } from '../html/sanitize-email-html.js';
import { automaticMailOf, headerParam, headerText } from './automatic-mail.js';
import { deliveryReportEvents, readReceiptEvents } from './delivery-report.js';
import { foldQuotedText } from './quoted-text.js';
import { messageIdsIn, normalizeMessageId, relatedMessageIds, threadKeyOf, type ThreadHeaders } from './threading.js';

/** Something the parser could not read cleanly; the message is stored anyway with this shown beside it. */
export interface EmailWarning {
  code: 'mime_unreadable' | 'mime_no_boundary' | 'mime_truncated' | 'no_sender' | 'too_large';
  message: string;
}

/** What an e-mail adds to the stored message besides its visible text (the message's contentAttributes). */
export interface EmailMessageAttributes {
  /** Sanitized HTML, safe to show; absent for a plain-text e-mail. */
  html?: string;
  email: {
    subject?: string;
    messageId: string;
    inReplyTo?: string;
    references: string[];
    from?: string;
    to: string[];
    cc: string[];
    /** The plain text in full: the visible part, the quoted earlier messages and the signature. */
    fullText: string;
    /** The folded-away part of fullText (quotes, signature); empty when nothing was folded. */
    quotedText: string;
    remoteImages: number;
    /** Inline images by Content-ID, so the sanitized HTML's `data-cid` images can show the stored attachment. */
    inlineImages: Array<{ cid: string; fileName: string }>;
  };
  warnings?: EmailWarning[];
}

export interface EmailParseOptions {
  /** The inbox's own address: mail from it was sent by the company, not by a customer. */
  ownAddress: string;
  /** Set when `raw` holds only the headers of an e-mail of this many bytes, too large to be read whole. */
  tooLargeBytes?: number;
}

const PARSER_OPTIONS = { keepDeliveryStatus: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 5_000_000 } as const;
const MAX_FALLBACK_TEXT = 100_000;

/**
 * Turns one raw e-mail into normalized events: a message, the status of an earlier outbound
 * message (a bounce, a read receipt), or nothing (an auto-reply). Never throws for bad input: an
 * unreadable e-mail becomes a message with what could be read and a warning.
 */
export async function emailToEvents(raw: Buffer, options: EmailParseOptions): Promise<InboundEvent[]> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, PARSER_OPTIONS);
  } catch (error) {
    return [unreadableMessage(raw, error)];
  }
  try {
    const sender = firstAddress(parsed.from) ?? firstAddress(parsed.replyTo);
    switch (automaticMailOf(parsed.headers, sender?.address)) {
      case 'delivery_report':
        return deliveryReportEvents(parsed, raw);
      case 'read_receipt':
        return readReceiptEvents(parsed);
      case 'auto_reply':
        return [];
      default:
        return [messageEvent(parsed, raw, options)];
    }
  } catch (error) {
    return [unreadableMessage(raw, error)];
  }
}

function messageEvent(parsed: ParsedMail, raw: Buffer, options: EmailParseOptions): InboundMessageEvent {
  const thread: ThreadHeaders = {
    messageId: normalizeMessageId(parsed.messageId) ?? fallbackMessageId(raw),
    inReplyTo: normalizeMessageId(parsed.inReplyTo),
    references: messageIdsIn(parsed.references),
  };
  const sender = firstAddress(parsed.from) ?? firstAddress(parsed.replyTo);
  const to = addresses(parsed.to);
  const outgoing = Boolean(sender?.address && sender.address.toLowerCase() === options.ownAddress.toLowerCase());
  const contact = contactOf(outgoing ? to[0] : sender);
  const warnings = options.tooLargeBytes ? [tooLargeWarning(options.tooLargeBytes)] : mimeWarnings(parsed, raw);
  if (!sender?.address) warnings.push({ code: 'no_sender', message: 'The e-mail has no sender address; it is kept under an unknown contact' });

  // Without a boundary the parts cannot be told apart: the body as sent is the best reading there is.
  const fullText = (parsed.text ?? '').trim() || (warnings.some((w) => w.code === 'mime_no_boundary') ? splitHeaders(raw).body.slice(0, MAX_FALLBACK_TEXT) : '');
  const { visible, folded } = foldQuotedText(fullText);
  const sanitized = parsed.html ? sanitizeEmailHtml(parsed.html) : undefined;
  const files = parsed.attachments.filter((a) => !isReportPart(a));
  const attachments = files.map(toAttachment);
  const attributes: EmailMessageAttributes = {
    ...(sanitized?.html ? { html: sanitized.html } : {}),
    email: {
      subject: parsed.subject?.trim() || undefined,
      messageId: thread.messageId!,
      inReplyTo: thread.inReplyTo,
      references: thread.references,
      from: sender?.address?.toLowerCase(),
      to: to.map((a) => a.address!.toLowerCase()),
      cc: addresses(parsed.cc).map((a) => a.address!.toLowerCase()),
      fullText,
      quotedText: folded,
      remoteImages: sanitized?.remoteImages ?? 0,
      inlineImages: files.flatMap((a, i) => (a.cid && a.related ? [{ cid: a.cid, fileName: attachments[i].fileName }] : [])),
    },
    ...(warnings.length ? { warnings } : {}),
  };
  return {
    kind: 'message',
    externalId: thread.messageId!,
    contact,
    threadKey: threadKeyOf(thread),
    relatedExternalIds: relatedMessageIds(thread),
    text: visible || (attachments.length ? undefined : (parsed.subject?.trim() ?? '')),
    attachments,
    replyToExternalId: thread.inReplyTo,
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : undefined,
    outgoing: outgoing || undefined,
    attributes: attributes as unknown as Record<string, unknown>,
  };
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): EmailAddress | undefined {
  return addresses(value)[0];
}

/** Addresses with groups flattened; entries without an address (a bare group name) are dropped. */
function addresses(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  return objects
    .flatMap((o) => o.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a) => Boolean(a.address));
}

function contactOf(address: EmailAddress | undefined): InboundContact {
  if (!address?.address) return { externalId: 'unknown-sender' };
  const email = address.address.trim().toLowerCase();
  return { externalId: email, email, name: address.name?.trim() || undefined };
}

function isReportPart(attachment: Attachment): boolean {
  return /^(message\/(delivery-status|disposition-notification))$/i.test(attachment.contentType);
}

function toAttachment(attachment: Attachment, index: number): InboundAttachment {
  const data = Buffer.isBuffer(attachment.content) ? attachment.content : Buffer.from(attachment.content ?? '');
  return {
    fileName: attachment.filename?.trim() || defaultFileName(attachment.contentType, index),
    contentType: attachment.contentType || 'application/octet-stream',
    sizeBytes: data.length,
    data,
  };
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'application/pdf': 'pdf', 'text/plain': 'txt', 'message/rfc822': 'eml', 'text/calendar': 'ics' };

function defaultFileName(contentType: string, index: number): string {
  const extension = EXTENSIONS[contentType.toLowerCase()] ?? 'bin';
  return `attachment-${index + 1}.${extension}`;
}

/** An e-mail without a Message-ID is keyed by its bytes, so fetching it again still finds it stored. */
function fallbackMessageId(raw: Buffer): string {
  return `<${createHash('sha256').update(raw).digest('hex')}@no-message-id.invalid>`;
}

function tooLargeWarning(bytes: number): EmailWarning {
  const megabytes = (bytes / 1024 / 1024).toFixed(1);
  return { code: 'too_large', message: `The e-mail is ${megabytes} MB, too large to be kept; only its sender and subject were read. Open it in the mailbox itself` };
}

function mimeWarnings(parsed: ParsedMail, raw: Buffer): EmailWarning[] {
  if (!headerText(parsed.headers, 'content-type')?.startsWith('multipart/')) return [];
  const boundary = headerParam(parsed.headers, 'content-type', 'boundary');
  if (!boundary) {
    return [{ code: 'mime_no_boundary', message: 'The e-mail says it has several parts but does not say where they start; it is shown as it could be read' }];
  }
  const body = raw.toString('latin1');
  if (!body.includes(`--${boundary}--`)) {
    return [{ code: 'mime_truncated', message: 'The e-mail ends early (its last part is not closed); what could be read is shown' }];
  }
  return [];
}

function splitHeaders(raw: Buffer): { headers: string; body: string } {
  const text = raw.toString('utf8');
  const split = text.search(/\r?\n\r?\n/);
  return split >= 0 ? { headers: text.slice(0, split), body: text.slice(split).trim() } : { headers: text, body: '' };
}

/** The best reading of an e-mail the MIME parser gave up on: the raw text after the headers, and a warning. */
function unreadableMessage(raw: Buffer, error: unknown): InboundMessageEvent {
  const { headers, body } = splitHeaders(raw);
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(headers)?.[1]?.trim();
  const fromAddress = /[^\s<>"]+@[^\s<>"]+/.exec(header('From') ?? '')?.[0]?.toLowerCase();
  const messageId = normalizeMessageId(header('Message-ID')) ?? fallbackMessageId(raw);
  const reason = error instanceof Error ? error.message : String(error);
  const attributes: Pick<EmailMessageAttributes, 'warnings'> & { email: Partial<EmailMessageAttributes['email']> } = {
    email: { subject: header('Subject'), messageId, references: [], from: fromAddress, to: [], cc: [], fullText: '', quotedText: '' },
    warnings: [{ code: 'mime_unreadable', message: `The e-mail could not be read as MIME (${reason}); its raw text is shown` }],
  };
  return {
    kind: 'message',
    externalId: messageId,
    contact: fromAddress ? { externalId: fromAddress, email: fromAddress } : { externalId: 'unknown-sender' },
    threadKey: messageId,
    text: (body || headers).slice(0, MAX_FALLBACK_TEXT),
    attributes: attributes as unknown as Record<string, unknown>,
  };
}

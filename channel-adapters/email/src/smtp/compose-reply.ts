import { degradeButtonsToText, type OutboundMessage } from '@channel-adapters/core';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { EmailChannelSettings } from '../email.settings.js';
import { normalizeMessageId, referencesForReply, replySubject, type ThreadHeaders } from '../mime/threading.js';

/** An e-mail ready to hand to the SMTP server and to keep in the Sent folder: the very same bytes. */
export interface ComposedEmail {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
}

/** Thrown when a message cannot become an e-mail (no address to send to); retrying will not help. */
export class EmailCompositionError extends Error {
  override readonly name = 'EmailCompositionError';
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const SUBJECT_FROM_TEXT_LENGTH = 78;

/**
 * Builds the reply as a mail client would (attachments must carry their bytes): threaded under the customer's last e-mail (In-Reply-To,
 * References, "Re:" subject), with a plain-text and an HTML part and the attachments. The
 * Message-ID derives from our message id, so a retried delivery sends the same Message-ID and the
 * customer's client shows one message.
 */
export async function composeReply(message: OutboundMessage, settings: EmailChannelSettings): Promise<ComposedEmail> {
  const to = recipientOf(message);
  const messageId = ownMessageId(message.messageId, settings.fromAddress);
  const answered = answeredHeaders(message);
  const text = (message.buttons?.length ? degradeButtonsToText(message.text, message.buttons) : message.text) ?? '';
  const composer = new MailComposer({
    from: settings.fromName ? { name: settings.fromName, address: settings.fromAddress } : settings.fromAddress,
    to: message.contact.name ? { name: message.contact.name, address: to } : to,
    subject: replySubject(answered?.subject) ?? subjectFromText(text),
    messageId,
    inReplyTo: answered?.headers.messageId,
    references: answered ? referencesForReply(answered.headers) : undefined,
    date: new Date(),
    text,
    html: textToHtml(text),
    attachments: (message.attachments ?? []).filter((a) => a.data).map((a) => ({ filename: a.fileName, contentType: a.contentType, content: a.data })),
  });
  const raw = await composer.compile().build();
  return { raw, messageId, envelope: { from: settings.fromAddress, to: [to] } };
}

export function ownMessageId(messageId: string, fromAddress: string): string {
  return `<${messageId}@${fromAddress.split('@').pop()}>`;
}

function recipientOf(message: OutboundMessage): string {
  const candidates = [message.contact.email, message.contact.externalId].map((value) => value?.trim());
  const address = candidates.find((value): value is string => Boolean(value && ADDRESS.test(value)));
  if (!address) throw new EmailCompositionError('The contact has no e-mail address to reply to; add one to the contact');
  return address;
}

/** The customer's last e-mail, as ingested: its subject and its place in the thread. */
function answeredHeaders(message: OutboundMessage): { subject?: string; headers: ThreadHeaders } | undefined {
  const email = message.lastIncoming?.attributes.email as Record<string, unknown> | undefined;
  const messageId = normalizeMessageId(typeof email?.messageId === 'string' ? email.messageId : message.lastIncoming?.externalId);
  if (!messageId) return undefined;
  const references = Array.isArray(email?.references) ? email.references.filter((r): r is string => typeof r === 'string') : [];
  return { subject: typeof email?.subject === 'string' ? email.subject : undefined, headers: { messageId, references } };
}

function subjectFromText(text: string): string {
  const line = text.split('\n').find((l) => l.trim())?.trim() ?? '';
  return line.length > SUBJECT_FROM_TEXT_LENGTH ? `${line.slice(0, SUBJECT_FROM_TEXT_LENGTH - 1)}…` : line;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The same text as HTML: paragraphs and line breaks kept, nothing interpreted as markup. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body>${paragraphs.join('')}</body></html>`;
}

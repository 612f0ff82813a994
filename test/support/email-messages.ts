import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';

/** Raw e-mails as customers' mail clients and mail servers send them, for parser and sync tests. */

export interface EmailInit {
  from: string;
  fromName?: string;
  to: string;
  subject: string;
  text?: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  date?: Date;
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string; cid?: string }>;
}

export const newMessageId = (domain = 'customer.example') => `<${randomBytes(8).toString('hex')}@${domain}>`;

/** An e-mail built by nodemailer's composer: UTF-8, base64 or quoted-printable as a real client would. */
export async function composeEmail(init: EmailInit): Promise<Buffer> {
  const composer = new MailComposer({
    from: init.fromName ? { name: init.fromName, address: init.from } : init.from,
    to: init.to,
    subject: init.subject,
    text: init.text,
    html: init.html,
    messageId: init.messageId ?? newMessageId(),
    inReplyTo: init.inReplyTo,
    references: init.references,
    date: init.date ?? new Date(),
    headers: init.headers,
    attachments: init.attachments,
  });
  return composer.compile().build();
}

/** Encodes text in a single-byte charset Node can decode (windows-1251, koi8-r) by inverting its decoder. */
export function encodeSingleByte(text: string, charset: string): Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return Buffer.from([...text].map((char) => {
    const byte = table.get(char);
    if (byte === undefined) throw new Error(`${charset} has no ${char}`);
    return byte;
  }));
}

/**
 * A plain-text e-mail entirely in a legacy charset: the sender's name and the subject as RFC 2047
 * encoded words in that charset, the body as 8-bit text in it, the way old Russian clients send.
 */
export function legacyCharsetEmail(init: { charset: 'windows-1251' | 'koi8-r' | 'utf-8'; from: string; fromName: string; to: string; subject: string; text: string; messageId?: string }): Buffer {
  const encode = (text: string) => (init.charset === 'utf-8' ? Buffer.from(text, 'utf8') : encodeSingleByte(text, init.charset));
  const word = (text: string) => `=?${init.charset}?B?${encode(text).toString('base64')}?=`;
  const head = [
    `From: ${word(init.fromName)} <${init.from}>`,
    `To: ${init.to}`,
    `Subject: ${word(init.subject)}`,
    `Message-ID: ${init.messageId ?? newMessageId()}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    `Content-Type: text/plain; charset=${init.charset}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), encode(init.text.replace(/\n/g, '\r\n')), Buffer.from('\r\n')]);
}

/** A delivery status notification (RFC 3464) for an e-mail the mailbox sent, as Postfix writes it. */
export function bounceFor(init: { originalMessageId: string; originalFrom: string; recipient: string; to: string; diagnostic?: string }): Buffer {
  const diagnostic = init.diagnostic ?? `smtp; 550 5.1.1 <${init.recipient}>: Recipient address rejected: User unknown in virtual mailbox table`;
  return Buffer.from(
    [
      'From: MAILER-DAEMON@mx.customer.example (Mail Delivery System)',
      `To: ${init.to}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: ${newMessageId('mx.customer.example')}`,
      `Date: ${new Date().toUTCString()}`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY.DSN"',
      '',
      '--BOUNDARY.DSN',
      'Content-Description: Notification',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'This is the mail system at host mx.customer.example.',
      '',
      "I'm sorry to have to inform you that your message could not",
      'be delivered to one or more recipients.',
      '',
      '--BOUNDARY.DSN',
      'Content-Description: Delivery report',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.example',
      'Arrival-Date: ' + new Date().toUTCString(),
      '',
      `Final-Recipient: rfc822; ${init.recipient}`,
      `Original-Recipient: rfc822;${init.recipient}`,
      'Action: failed',
      'Status: 5.1.1',
      `Diagnostic-Code: ${diagnostic}`,
      '',
      '--BOUNDARY.DSN',
      'Content-Description: Undelivered Message Headers',
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${init.originalFrom}`,
      `To: ${init.recipient}`,
      'Subject: Re: your order',
      `Message-ID: ${init.originalMessageId}`,
      '',
      '--BOUNDARY.DSN--',
      '',
    ].join('\r\n'),
  );
}

/** An out-of-office answer marked the way the responder marks it. */
export async function autoReply(init: { from: string; to: string; inReplyTo?: string; marker: 'auto-submitted' | 'x-autoreply' | 'x-autorespond' | 'precedence' }): Promise<Buffer> {
  const headers: Record<string, Record<string, string>> = {
    'auto-submitted': { 'Auto-Submitted': 'auto-replied' },
    'x-autoreply': { 'X-Autoreply': 'yes' },
    'x-autorespond': { 'X-Autorespond': 'Out of office' },
    precedence: { Precedence: 'auto_reply' },
  };
  return composeEmail({
    from: init.from,
    to: init.to,
    subject: 'Автоответ: Re: ваш заказ',
    text: 'Я в отпуске до понедельника. Отвечу, как только вернусь.',
    inReplyTo: init.inReplyTo,
    references: init.inReplyTo ? [init.inReplyTo] : undefined,
    headers: headers[init.marker],
  });
}

/** An e-mail whose multipart body breaks off in the middle of an attachment: no closing boundary. */
export function truncatedMultipart(init: { from: string; to: string; messageId?: string; text: string }): Buffer {
  return Buffer.from(
    [
      `From: ${init.from}`,
      `To: ${init.to}`,
      'Subject: =?utf-8?B?0KHQutCw0L0g0LTQvtCz0L7QstC+0YDQsA==?=',
      `Message-ID: ${init.messageId ?? newMessageId()}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="cut-here"',
      '',
      '--cut-here',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      init.text,
      '--cut-here',
      'Content-Type: application/pdf; name="contract.pdf"',
      'Content-Disposition: attachment; filename="contract.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI',
    ].join('\r\n'),
    'utf8',
  );
}

import type { HeaderValue } from 'mailparser';

/** Mail a machine sent rather than the customer: never a customer message. */
export type AutomaticMail = 'delivery_report' | 'read_receipt' | 'auto_reply';

export type Headers = Map<string, HeaderValue>;

/** A header as plain lower-case text (`auto-replied`, `multipart/report`), whatever shape mailparser gave it. */
export function headerText(headers: Headers, name: string): string | undefined {
  const text = textOf(headers.get(name));
  return text === undefined ? undefined : text.trim().toLowerCase();
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(textOf).filter((v) => v !== undefined).join(' ');
  if (typeof value === 'object') {
    const { value: inner, text } = value as { value?: unknown; text?: unknown };
    if (typeof inner === 'string') return inner;
    if (typeof text === 'string') return text;
  }
  return undefined;
}

export function headerParam(headers: Headers, name: string, param: string): string | undefined {
  const value = headers.get(name) as { params?: Record<string, unknown> } | undefined;
  const found = value && typeof value === 'object' && !Array.isArray(value) ? value.params?.[param] : undefined;
  return typeof found === 'string' ? found.toLowerCase() : undefined;
}

/**
 * Recognises delivery status notifications (RFC 3464), read receipts (RFC 8098) and auto-replies
 * by the headers that mark them (RFC 3834 Auto-Submitted, and the X-Autoreply, X-Autorespond and
 * Precedence: auto_reply that older responders set). A bounce from a mail server that sends no
 * report counts as an auto-reply, so it never poses as the customer.
 */
export function automaticMailOf(headers: Headers, fromAddress: string | undefined): AutomaticMail | undefined {
  const contentType = headerText(headers, 'content-type');
  if (contentType === 'multipart/report') {
    const reportType = headerParam(headers, 'content-type', 'report-type');
    if (reportType === 'disposition-notification') return 'read_receipt';
    return 'delivery_report';
  }
  const autoSubmitted = headerText(headers, 'auto-submitted')?.split(';')[0].trim();
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_reply';
  if (headers.has('x-autoreply') || headers.has('x-autorespond') || headers.has('x-autoresponder')) return 'auto_reply';
  const precedence = headerText(headers, 'precedence') ?? headerText(headers, 'x-precedence');
  if (precedence === 'auto_reply') return 'auto_reply';
  if (fromAddress && /^(mailer-daemon|postmaster)@/i.test(fromAddress)) return 'delivery_report';
  return undefined;
}

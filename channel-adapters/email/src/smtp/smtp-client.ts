import { ChannelError } from '@channel-adapters/core';
import { createTransport } from 'nodemailer';
import type { MailServerSettings } from '../email.settings.js';
import type { ComposedEmail } from './compose-reply.js';

export interface SmtpTimeouts {
  /** Connecting, the greeting and each command's answer. */
  timeoutMs: number;
}

interface SmtpFailure extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
}

function transportFor(server: MailServerSettings, { timeoutMs }: SmtpTimeouts) {
  return createTransport({
    host: server.host,
    port: server.port,
    secure: server.secure,
    auth: { user: server.user, pass: server.password },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 3,
    disableFileAccess: true,
    logger: false,
  });
}

/** Hands the composed bytes to the SMTP server unchanged, so the Sent copy is exactly what was sent. */
export async function sendComposed(server: MailServerSettings, email: ComposedEmail, timeouts: SmtpTimeouts): Promise<void> {
  const transport = transportFor(server, timeouts);
  try {
    await transport.sendMail({ envelope: email.envelope, raw: email.raw });
  } catch (error) {
    throw smtpChannelError(error as SmtpFailure);
  } finally {
    transport.close();
  }
}

/** Logs in to the SMTP server without sending anything; throws the server's answer when it refuses. */
export async function verifySmtp(server: MailServerSettings, timeouts: SmtpTimeouts): Promise<void> {
  const transport = transportFor(server, timeouts);
  try {
    await transport.verify();
  } finally {
    transport.close();
  }
}

/** Why the SMTP server refused, in words an administrator can act on. */
export function describeSmtpFailure(error: unknown): string {
  const failure = error as SmtpFailure;
  if (failure.code === 'EAUTH') return `the server refused the user name or password (${serverAnswer(failure)})`;
  if (failure.code === 'ETIMEDOUT') return 'the server did not answer in time; check the host and port';
  if (failure.code === 'ESOCKET' || failure.code === 'ECONNECTION' || failure.code === 'EDNS') return `the server could not be reached (${serverAnswer(failure)}); check the host, port and the secure setting`;
  if (failure.code === 'ETLS') return `the TLS handshake failed (${serverAnswer(failure)}); check the secure setting`;
  return serverAnswer(failure);
}

function serverAnswer(failure: SmtpFailure): string {
  return (failure.response ?? failure.message ?? String(failure)).replace(/\s+/g, ' ').trim();
}

/**
 * A rejection (5xx) will be rejected again and fails the message; a temporary answer (4xx) or a
 * connection problem is retried. A refused login fails too: the administrator has to fix it.
 */
export function smtpChannelError(failure: SmtpFailure): ChannelError {
  const reason = `The SMTP server ${failure.responseCode ? `answered ${failure.responseCode}` : 'failed'}: ${describeSmtpFailure(failure)}`;
  if (failure.code === 'EAUTH' || failure.code === 'ENOAUTH') return ChannelError.permanent(reason, { cause: failure });
  if (failure.permanent === true) return ChannelError.permanent(reason, { cause: failure });
  if (failure.responseCode && failure.responseCode >= 500 && failure.responseCode !== 503) return ChannelError.permanent(reason, { cause: failure });
  return ChannelError.retryable(reason, { cause: failure });
}

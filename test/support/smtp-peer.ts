import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { MailUser } from './dovecot.js';
import { appendMail } from './mailbox.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface SmtpPeerOptions {
  /** Accounts that may log in to send. */
  accounts: MailUser[];
  /**
   * Recipients whose mail is put into an IMAP mailbox (by APPEND into its INBOX) before the
   * message is accepted, so a test sees a sent e-mail land in the customer's mailbox.
   */
  deliverTo?: { host: string; port: number; mailboxes: Record<string, MailUser> };
}

export interface SmtpPeer {
  host: string;
  port: number;
  /** Every message accepted, in order. */
  received: ReceivedMail[];
  /** Resolves with the first accepted message (already or later) that matches; rejects after timeoutMs. */
  waitFor(match?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Answers the next message with this SMTP reply instead of accepting it. */
  rejectNext(code: number, text: string): void;
  close(): Promise<void>;
}

/** A real SMTP server on loopback (no TLS, AUTH PLAIN/LOGIN) standing in for the company's mail relay. */
export async function startSmtpPeer(options: SmtpPeerOptions): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const rejections: Array<{ code: number; text: string }> = [];
  const waiters: Array<{ match: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void }> = [];
  const passwords = new Map(options.accounts.map((a) => [a.user, a.password]));

  const accept = async (session: SMTPServerSession, raw: Buffer) => {
    const mail: ReceivedMail = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((r) => r.address),
      raw,
    };
    if (options.deliverTo) {
      for (const address of mail.to) {
        const mailbox = options.deliverTo.mailboxes[address.toLowerCase()];
        if (mailbox) await appendMail(options.deliverTo, mailbox, raw);
      }
    }
    received.push(mail);
    for (const waiter of [...waiters]) {
      if (waiter.match(mail)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(mail);
      }
    }
  };

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    size: 50 * 1024 * 1024,
    logger: false,
    // No DNS beyond loopback: a reverse lookup of the client would only wait for its timeout.
    disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      if (auth.username && passwords.get(auth.username) === auth.password) return callback(null, { user: auth.username });
      const error = Object.assign(new Error('Invalid username or password'), { responseCode: 535 });
      callback(error);
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const rejection = rejections.shift();
        if (rejection) return callback(Object.assign(new Error(rejection.text), { responseCode: rejection.code }));
        accept(session, Buffer.concat(chunks)).then(
          () => callback(),
          (error: Error) => callback(Object.assign(new Error(`Local delivery failed: ${error.message}`), { responseCode: 451 })),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();

  return {
    host: '127.0.0.1',
    port,
    received,
    waitFor(match = () => true, timeoutMs = 10_000) {
      const found = received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`No matching message reached the SMTP peer within ${timeoutMs} ms (received ${received.length})`));
        }, timeoutMs).unref();
      });
    },
    rejectNext: (code, text) => void rejections.push({ code, text }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

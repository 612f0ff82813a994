import { ImapFlow } from 'imapflow';
import type { MailUser } from './dovecot.js';

export interface ImapServer {
  host: string;
  port: number;
}

/** What a mail client sees: a logged-in IMAP connection to one mailbox; logged out after `work`. */
async function withMailbox<T>(server: ImapServer, box: MailUser, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: server.host, port: server.port, secure: false, doSTARTTLS: false, auth: { user: box.user, pass: box.password }, logger: false });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Puts a message into a folder the way a mail server's local delivery would; `arrivedAt` sets its arrival date. */
export function appendMail(server: ImapServer, box: MailUser, raw: Buffer | string, options: { folder?: string; arrivedAt?: Date } = {}): Promise<void> {
  return withMailbox(server, box, async (client) => void (await client.append(options.folder ?? 'INBOX', raw, [], options.arrivedAt)));
}

/** The raw messages of a folder, oldest first. */
export function folderSources(server: ImapServer, box: MailUser, folder: string): Promise<Buffer[]> {
  return withMailbox(server, box, async (client) => {
    await client.mailboxOpen(folder);
    const sources: Buffer[] = [];
    for await (const message of client.fetch('1:*', { source: true })) if (message.source) sources.push(message.source);
    return sources;
  });
}

/** The capabilities the server offers a logged-in client. */
export function capabilitiesOf(server: ImapServer, box: MailUser): Promise<string[]> {
  return withMailbox(server, box, async (client) => [...client.capabilities.keys()]);
}

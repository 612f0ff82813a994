import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './postgres-server.js';
import { terminate } from './redis-server.js';

export const DOVECOT_BIN = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
const DOVEADM_BIN = join(DOVECOT_BIN, '..', '..', 'bin', 'doveadm');
export const DOVECOT_PACKAGE_HINT = 'install it with: apt-get install -y dovecot-imapd (or set DOVECOT_BIN)';

export interface MailUser {
  user: string;
  password: string;
}

export interface RunningDovecot {
  host: string;
  port: number;
  /**
   * Adds a mailbox or changes its password, and resolves once Dovecot accepts the new password
   * (it re-reads the password file at most once a second).
   */
  setUser(user: string, password: string): Promise<void>;
  /**
   * Makes the server number a folder's messages anew under a new UIDVALIDITY, as a rebuilt or
   * recreated folder does: the messages stay, every UID a client remembered becomes meaningless.
   */
  renumberFolder(user: string, folder?: string): void;
  /** Ends the user's open sessions, as a server does when a password changes; clients must log in again. */
  kick(user: string): void;
  /** The last lines of Dovecot's log, for failure messages. */
  log(): string;
  /** Failed logins of the user logged so far. */
  failedLogins(user: string): number;
  stop(): Promise<void>;
}

/**
 * Why a suite needing Dovecot cannot run here, or null when it can. Under CI it is always null, so
 * that a missing server fails the suite (startDovecot throws) instead of skipping it.
 */
export function dovecotSkipReason(): string | null {
  if (process.env.CI) return null;
  return existsSync(DOVECOT_BIN) ? null : `Dovecot not found at ${DOVECOT_BIN}: ${DOVECOT_PACKAGE_HINT}`;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * As root, Dovecot refuses mail access under UID 0: mailboxes belong to `nobody` then. As any other
 * user, everything runs as that user.
 */
function mailOwner(): { uid: number; gid: number; internalUser: string; loginUser: string } {
  if (!isRoot()) {
    const me = userInfo();
    return { uid: me.uid, gid: me.gid, internalUser: me.username, loginUser: me.username };
  }
  const ids = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  const dovecotUsers = spawnSync('id', ['dovenull']).status === 0 ? { internalUser: 'dovecot', loginUser: 'dovenull' } : { internalUser: 'nobody', loginUser: 'nobody' };
  return { uid: ids('-u'), gid: ids('-g'), ...dovecotUsers };
}

export interface DovecotOptions {
  /** false: the server does not offer IDLE, like some providers; clients have to ask for news. */
  idle?: boolean;
}

// Dovecot's own list without IDLE (and without NOTIFY, which implies it).
const CAPABILITIES_WITHOUT_IDLE = 'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT SORT=DISPLAY THREAD=REFERENCES THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ SPECIAL-USE';

function configFile(dir: string, port: number, owner: ReturnType<typeof mailOwner>, options: DovecotOptions): string {
  return `# A throwaway IMAP server for one test suite.${options.idle === false ? `\nimap_capability = ${CAPABILITIES_WITHOUT_IDLE}` : ''}
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = omnibox-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# Wrong passwords are part of the tests: answer them at once, and never slow down later logins.
auth_failure_delay = 0
log_path = ${dir}/dovecot.log
default_internal_user = ${owner.internalUser}
default_internal_group = ${owner.internalUser}
default_login_user = ${owner.loginUser}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:${dir}/mail/%u
# Without the penalty listener there is no auth penalty: logins after a failed one are not delayed.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
}
`;
}

/** Starts Dovecot in the foreground on a free loopback port, in a temporary directory, with these mailboxes. */
export async function startDovecot(users: MailUser[], options: DovecotOptions = {}): Promise<RunningDovecot> {
  if (!existsSync(DOVECOT_BIN)) throw new Error(`Dovecot not found at ${DOVECOT_BIN}: ${DOVECOT_PACKAGE_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'omnibox-dovecot-'));
  chmodSync(dir, 0o755);
  const owner = mailOwner();
  const port = await freePort();
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  if (isRoot()) chownSync(join(dir, 'mail'), owner.uid, owner.gid);
  const accounts = new Map<string, string>(users.map((u) => [u.user, u.password]));
  const writeUsers = () =>
    writeFileSync(join(dir, 'users'), [...accounts].map(([user, password]) => `${user}:{PLAIN}${password}:${owner.uid}:${owner.gid}::${dir}/mail/${user}\n`).join(''), { mode: 0o644 });
  writeUsers();
  writeFileSync(join(dir, 'dovecot.conf'), configFile(dir, port, owner, options));

  const child = spawn(DOVECOT_BIN, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const log = () => {
    const file = join(dir, 'dovecot.log');
    return (output + (existsSync(file) ? readFileSync(file, 'utf8') : '')).slice(-3000);
  };
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  const kick = (user: string) => void spawnSync(DOVEADM_BIN, ['-c', join(dir, 'dovecot.conf'), 'kick', user], { stdio: 'ignore' });

  if (!(await greets(port, child))) {
    await terminate(child);
    const failure = log();
    cleanUp();
    throw new Error(`Dovecot did not greet on port ${port}:\n${failure}`);
  }
  return {
    host: '127.0.0.1',
    port,
    async setUser(user, password) {
      accounts.set(user, password);
      writeUsers();
      for (let attempt = 0; attempt < 60; attempt++) {
        if (await logsIn(port, user, password)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`Dovecot did not take the new password of ${user}:\n${log()}`);
    },
    renumberFolder(user, folder = 'INBOX') {
      const folderDir = folder === 'INBOX' ? join(dir, 'mail', user) : join(dir, 'mail', user, `.${folder}`);
      for (const file of readdirSync(folderDir)) {
        if (file === 'dovecot-uidlist' || file.startsWith('dovecot.index')) rmSync(join(folderDir, file), { force: true });
      }
      // Sessions that have the folder open would keep its old numbering in memory: end them.
      kick(user);
    },
    kick,
    log,
    failedLogins(user) {
      const file = join(dir, 'dovecot.log');
      const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
      return text.split('\n').filter((line) => line.includes('auth failed') && line.includes(`user=<${user}>`)).length;
    },
    async stop() {
      try {
        await terminate(child);
      } finally {
        cleanUp();
      }
    },
  };
}

/** Bounded polling until the server sends its IMAP greeting, or gives up when the process exits. */
async function greets(port: number, child: ChildProcess): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    if (await answersGreeting(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function answersGreeting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('* OK')));
  });
}

function logsIn(port: number, user: string, password: string): Promise<boolean> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
  client.on('error', () => undefined);
  return client.connect().then(
    () => client.logout().then(() => true, () => true),
    () => false,
  );
}

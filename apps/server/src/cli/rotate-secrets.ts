import 'reflect-metadata';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@app/config';
import { openDatabase, pgliteDirFor } from '@app/db';
import { rotateSealedSecrets } from './secret-rotation.js';

const USAGE = `Re-encrypts every stored secret (channel tokens, mailbox passwords, webhook secrets) with a new APP_SECRET.

  APP_SECRET=<new> OLD_APP_SECRET=<old> npm run secrets:rotate -- --from-env OLD_APP_SECRET [--dry-run]

  --from-env NAME  the environment variable holding the current (old) APP_SECRET
  --dry-run        check that every value opens with the old secret and count them; change nothing

Stop the server and the workers first; start them with the new APP_SECRET afterwards.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'from-env': { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const fromEnv = values['from-env'];
  const from = fromEnv ? process.env[fromEnv] : undefined;
  if (!fromEnv || !from) {
    console.error(`${fromEnv ? `${fromEnv} is not set` : '--from-env is missing'}: name the variable that holds the old APP_SECRET.\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  if (!config.APP_SECRET) {
    console.error(`APP_SECRET is not set: set it to the new secret (openssl rand -hex 32).\n\n${USAGE}`);
    return 2;
  }
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDataDir: resolve(pgliteDirFor(config.DATA_DIR)), poolSize: 1 });
  try {
    const dryRun = values['dry-run'];
    console.log(dryRun ? 'Dry run: checking the stored secrets, changing nothing…' : 'Re-encrypting the stored secrets in one transaction…');
    const report = await rotateSealedSecrets(database.db, { from, to: config.APP_SECRET, dryRun, progress: (line) => console.log(`  ${line}`) });
    console.log(
      dryRun
        ? `Dry run done: ${report.values} value(s) in ${report.rows} row(s) open with the old secret and would be re-encrypted.`
        : `Done: ${report.values} value(s) in ${report.rows} row(s) re-encrypted. Start the server and the workers with the new APP_SECRET; everyone signs in again.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : `Rotation failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

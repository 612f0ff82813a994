/** `npm run bench -- <name> [options]`: runs one benchmark and prints its figures beside its baselines. */
import { stopSharedPostgres } from './support.js';

const benches: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  ingest: () => import('./ingest.js'),
  fanout: () => import('./fanout.js'),
  'inbox-queries': () => import('./inbox-queries.js'),
  outbound: () => import('./outbound.js'),
  reports: () => import('./reports.js'),
};

const [name, ...args] = process.argv.slice(2);
if (!name || !benches[name]) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]; see bench/README.md`);
  process.exit(2);
}
try {
  await (await benches[name]()).run(args);
} finally {
  await stopSharedPostgres();
}
process.exit(0);

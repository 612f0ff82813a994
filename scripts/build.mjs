// Compiles the server, the worker and every lib to dist/, rewrites path aliases to relative imports,
// and copies the SQL migrations beside the compiled database lib.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const started = Date.now();
rmSync('dist', { recursive: true, force: true });
console.log('[build] compiling TypeScript…');
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
console.log('[build] rewriting path aliases…');
run(process.execPath, ['node_modules/tsc-alias/dist/bin/index.js', '-p', 'tsconfig.build.json', '--resolve-full-paths']);
cpSync('libs/db/migrations', 'dist/libs/db/migrations', { recursive: true });
// The browser parts: the agent web app and the web-chat widget, each built by Vite to its dist/.
// --server-only skips them (tests that only run the server and worker processes).
const browserApps = process.argv.includes('--server-only') ? [] : ['apps/web', 'apps/widget'];
for (const app of browserApps) {
  if (!existsSync(`${app}/vite.config.ts`)) continue;
  console.log(`[build] building ${app}…`);
  run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', `${app}/vite.config.ts`, '--logLevel', 'warn']);
}
console.log(`[build] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

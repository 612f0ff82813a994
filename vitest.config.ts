import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import tsconfig from './tsconfig.json' with { type: 'json' };

// The same path aliases as tsconfig.json, so tests import libs exactly as the code does.
const alias = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([name, [target]]) => [name, fileURLToPath(new URL(target, import.meta.url))]),
);

export default defineConfig({
  // SWC compiles the tests so that decorator metadata (Nest's dependency injection) is emitted.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias },
  test: {
    include: ['apps/*/src/**/*.spec.ts', 'libs/*/src/**/*.spec.ts', 'channel-adapters/*/src/**/*.spec.ts', 'test/**/*.spec.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // A skipped or focused test must fail the run in CI.
    allowOnly: !process.env.CI,
    // The JSON report feeds scripts/test-summary.mjs (run after `npm test`), which fails CI on skipped tests.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});

import { appendFileSync, mkdirSync } from 'node:fs';

/** Where suites append what they exercised; scripts/test-summary.mjs prints it as one table after `npm test`. */
export const RELIABILITY_REPORT = 'test-output/reliability.jsonl';

/** The counters the closing table knows; a suite reports only those it has. */
export type ReliabilityCounter =
  | 'faultsInjected'
  | 'messagesSent'
  | 'messagesStored'
  | 'messagesDelivered'
  | 'messagesDuplicated'
  | 'messagesLost'
  | 'fuzzCases'
  | 'xssPayloads'
  | 'accessChecks';

/** Appends one suite's counts (one JSON line, so suites running in parallel never overwrite each other). */
export function reportReliability(suite: string, counts: Partial<Record<ReliabilityCounter, number>>): void {
  mkdirSync('test-output', { recursive: true });
  appendFileSync(RELIABILITY_REPORT, `${JSON.stringify({ suite, ...counts, at: new Date().toISOString() })}\n`);
}

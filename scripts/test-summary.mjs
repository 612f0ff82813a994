// Prints one closing line for the test run and, under CI=true, fails when any test was skipped:
// a suite that cannot run on a machine must say so, never pass silently.
import { existsSync, readFileSync } from 'node:fs';

const file = 'test-output/vitest.json';
if (!existsSync(file)) {
  console.error(`${file} is missing: the test run did not finish.`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
printReliabilityTable('test-output/reliability.jsonl');
if (failed > 0) process.exit(1);
if (passed === 0) {
  console.error('No test ran.');
  process.exit(1);
}
if (skipped > 0 && process.env.CI) {
  const names = report.testResults
    .flatMap((file) => file.assertionResults.filter((a) => a.status === 'pending' || a.status === 'skipped' || a.status === 'todo').map((a) => `${file.name}: ${a.fullName}`))
    .slice(0, 20);
  console.error(`Skipped tests are not allowed under CI:\n${names.join('\n')}`);
  process.exit(1);
}

/** The reliability suites (faults, fuzzing, XSS, access checks) append one JSON line each; this sums them per suite. */
function printReliabilityTable(path) {
  if (!existsSync(path)) return;
  const columns = [
    ['faultsInjected', 'faults'],
    ['messagesSent', 'sent'],
    ['messagesStored', 'stored'],
    ['messagesDelivered', 'delivered'],
    ['messagesDuplicated', 'duplicated'],
    ['messagesLost', 'lost'],
    ['fuzzCases', 'fuzz cases'],
    ['xssPayloads', 'XSS payloads'],
    ['accessChecks', 'access checks'],
  ];
  const rows = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line);
    const row = rows.get(entry.suite) ?? {};
    for (const [key] of columns) if (typeof entry[key] === 'number') row[key] = (row[key] ?? 0) + entry[key];
    rows.set(entry.suite, row);
  }
  const total = {};
  for (const row of rows.values()) for (const [key] of columns) if (row[key] !== undefined) total[key] = (total[key] ?? 0) + row[key];
  const table = [['suite', ...columns.map(([, title]) => title)]];
  for (const [suite, row] of [...rows, ['total', total]]) table.push([suite, ...columns.map(([key]) => (row[key] === undefined ? '-' : String(row[key])))]);
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  console.log('\nreliability and security:');
  for (const row of table) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
}

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

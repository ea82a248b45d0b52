// Sums vitest JSON reports into the one line CI reads: "N passed, N failed".
// A missing report counts as a failure, so a suite that never ran cannot pass.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`missing test report: ${file}`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that failed to load, or a run with no test at all, has no failed test but is still a failure.
  if ((!report.success && report.numFailedTests === 0) || report.numTotalTests === 0) failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

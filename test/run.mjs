// `npm test`: the whole suite in the order CI needs it. Static checks first (lint, types), then
// the build the end-to-end tests load, then the test projects. It ends with one summary line,
// "tests: N passed, N failed, N skipped", and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });

const stages = [
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'build', command: ['npm', 'run', '--silent', 'build'] },
  { name: 'unit', vitest: ['--project', 'unit'] },
  { name: 'integration', vitest: ['--project', 'integration'] },
  { name: 'e2e', vitest: ['--project', 'e2e'] },
  { name: 'world lifecycle', vitest: ['--project', 'world-lifecycle'] },
];

const totals = { passed: 0, failed: 0, skipped: 0, didNotRun: 0 };
const failedStages = [];

for (const stage of stages) {
  console.log(`\n=== ${stage.name}`);
  if (stage.vitest) {
    const report = path.join(results, `vitest-${stage.name.replace(/\W+/g, '-')}.json`);
    rmSync(report, { force: true });
    const run = spawnSync(
      'npx',
      ['vitest', 'run', ...stage.vitest, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
      { cwd: root, stdio: 'inherit' },
    );
    const counted = countVitest(report);
    totals.passed += counted.passed;
    totals.failed += counted.failed;
    totals.skipped += counted.skipped;
    totals.didNotRun += counted.didNotRun;
    if (run.status !== 0 || counted.failed > 0 || counted.missing) failedStages.push(stage.name);
  } else {
    const run = spawnSync(stage.command[0], stage.command.slice(1), { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) failedStages.push(stage.name);
  }
}

function countVitest(report) {
  if (!existsSync(report)) return { passed: 0, failed: 1, skipped: 0, didNotRun: 0, missing: true };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const files = json.testResults ?? [];
  // A file that fails to load counts as a failed test, so a broken import is never silent.
  const brokenFiles = files.filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  // Tests of a file whose setup (beforeAll) failed are reported as skipped: they did not run, and
  // that is a failure, never a skip. Nothing in this suite skips on purpose.
  const didNotRun = files
    .filter((file) => file.status === 'failed')
    .flatMap((file) => file.assertionResults ?? [])
    .filter((test) => test.status === 'skipped' || test.status === 'pending').length;
  return {
    passed: json.numPassedTests ?? 0,
    failed: (json.numFailedTests ?? 0) + brokenFiles + didNotRun,
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0) - didNotRun,
    didNotRun,
    missing: false,
  };
}

console.log('');
if (failedStages.length > 0) console.log(`Failed stages: ${failedStages.join(', ')}`);
if (totals.didNotRun > 0)
  console.log(`${totals.didNotRun} tests did not run because their setup failed (counted as failed)`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStages.length > 0 ? 1 : 0);

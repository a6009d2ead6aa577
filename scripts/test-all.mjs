#!/usr/bin/env node
// `npm test`: the whole suite, in the order that fails fastest:
// typecheck → lint → build → unit → integration (vitest) → end-to-end (Chromium).
// Ends with one summary line "tests: N passed, N failed, N skipped" (CI reads it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureInstalled } from './ensure-installed.mjs';

ensureInstalled();

const totals = { passed: 0, failed: 0, skipped: 0 };
const reports = mkdtempSync(join(tmpdir(), 'aiw-test-'));

function run(label, cmd, args) {
  process.stdout.write(`\n=== ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.stdout.write(`=== ${label} FAILED (exit ${r.status ?? r.signal})\n`);
  return r.status === 0;
}

function vitest(label, extra) {
  const out = join(reports, `${label}.json`);
  const ok = run(label, 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...extra]);
  try {
    const json = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + (json.numTodoTests ?? 0);
  } catch {
    totals.failed += 1; // the runner itself broke: count it, never hide it
  }
  return ok;
}

let ok = true;
ok = run('typecheck', 'npm', ['run', '--silent', 'typecheck']) && ok;
ok = run('lint', 'npm', ['run', '--silent', 'lint']) && ok;
// Build before the integration tests: they start `aiw serve`, which serves out/renderer.
const built = run('build', 'npm', ['run', '--silent', 'build']);
ok = built && ok;
ok = vitest('unit', ['src/', 'training/']) && ok;
// Integration tests start real servers (aiw serve with six model processes, sshd): one file at a
// time, so timing-sensitive checks do not compete with each other for the two cores.
ok = vitest('integration', ['test/integration/', '--no-file-parallelism']) && ok;
if (built) {
  try {
    ensureChromium();
    ok = vitest('e2e', ['--config', 'test/e2e/vitest.config.ts']) && ok;
  } catch (err) {
    process.stdout.write(`=== e2e FAILED: ${err.message}\n`);
    totals.failed += 1;
    ok = false;
  }
}
if (!ok && totals.failed === 0) totals.failed = 1; // typecheck/lint/build failures count too
process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(ok ? 0 : 1);

/**
 * Our decoder against Debian's `gpsdecode` (package gpsd-tools, or gpsd-clients on older releases) run
 * live on real receiver logs, field by field (compare-reference.ts conventions). reference.test.ts
 * compares with decodes stored once from gpsdecode 3.22; this suite runs the installed binary, so a
 * different gpsd release or a log never seen during development (a held-out log) is checked too.
 *
 * Logs: every real log of test/fixtures/ais, plus held-out logs given as AIW_AIS_HELDOUT=path[:path…]
 * (kept outside the repository on purpose: a held-out log must not be tuned against).
 * gpsdecode is installed with apt-get when missing and running as root; otherwise the suite is skipped
 * with the reason printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agreementPercent, compareWithReference, type ComparisonReport } from '../../src/main/ais/compare-reference.ts';
import { AisDecoder } from '../../src/main/ais/decode.ts';
import { REPO_ROOT } from '../helpers/serve-process.ts';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/ais');
const FIXTURE_LOGS = ['gpsd/sample.aivdm', 'libais/test.aivdm', 'libais/typeexamples.nmea', 'libais/tagblock.nmea',
  ...['nmea_data_sample.txt', 'sample.ais', 'mixed.txt', 'timestamped.ais', 'messages.ais'].map((f) => `pyais/${f}`)].map((f) => join(FIXTURES, f));
const HELD_OUT = (process.env.AIW_AIS_HELDOUT ?? '').split(':').filter((p) => p !== '');

const hasGpsdecode = () => spawnSync('gpsdecode', ['-V'], { encoding: 'utf8' }).status === 0;

/** Installs gpsd-tools (or gpsd-clients) when gpsdecode is missing; the reason it is unavailable, or undefined. */
function ensureGpsdecode(): string | undefined {
  if (hasGpsdecode()) return undefined;
  if (process.getuid?.() !== 0) return 'gpsdecode is not installed and installing it needs root (apt-get install gpsd-tools)';
  for (const pkg of ['gpsd-tools', 'gpsd-clients']) {
    spawnSync('apt-get', ['install', '-y', '-q', pkg], { stdio: 'ignore', timeout: 300_000 });
    if (hasGpsdecode()) return undefined;
  }
  spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore', timeout: 300_000 });
  spawnSync('apt-get', ['install', '-y', '-q', 'gpsd-tools'], { stdio: 'ignore', timeout: 300_000 });
  return hasGpsdecode() ? undefined : 'apt-get could not install gpsd-tools (no gpsdecode)';
}

const unavailable = ensureGpsdecode();
if (unavailable) process.stderr.write(`ais-gpsdecode: skipped: ${unavailable}\n`);
// gpsdecode prints its version on stderr.
const version = unavailable ? '' : spawnSync('gpsdecode', ['-V'], { encoding: 'utf8' }).stderr.trim() || 'gpsdecode';

/** gpsdecode's JSON records for a log (stdin, default scaled JSON, AIS only). */
function gpsdecodeRecords(path: string): Record<string, unknown>[] {
  const out = execFileSync('gpsdecode', [], { input: readFileSync(path), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.class === 'AIS');
}

const results: { log: string; heldOut: boolean; report: ComparisonReport }[] = [];

describe.skipIf(unavailable !== undefined)(`our decoder against live gpsdecode (${version})`, () => {
  const logs = [...FIXTURE_LOGS.map((log) => ({ log, heldOut: false })), ...HELD_OUT.map((log) => ({ log, heldOut: true }))];

  it.each(logs)('$log: every gpsdecode record decoded, fields equal', ({ log, heldOut }) => {
    expect(existsSync(log), `${log} exists`).toBe(true);
    const decoder = new AisDecoder();
    const ours = [...decoder.pushChunk(readFileSync(log, 'utf8')), ...decoder.end()];
    const report = compareWithReference(ours, gpsdecodeRecords(log), 'gpsd');
    results.push({ log, heldOut, report });
    expect(report.missing).toBe(0);
    expect(agreementPercent(report)).toBeGreaterThanOrEqual(99.9);
  });
});

afterAll(() => {
  if (results.length === 0) return;
  const sum = (rows: typeof results, k: 'compared' | 'equal') => rows.reduce((n, r) => n + r.report[k], 0);
  const lines = results.map(({ log, heldOut, report }) =>
    `${heldOut ? 'held-out' : 'fixture '} ${basename(log).padEnd(28)} records=${report.records} compared=${report.compared} equal=${report.equal} ` +
    `agreement=${agreementPercent(report).toFixed(3)}% missing=${report.missing} extra=${report.extra}` +
    (report.mismatches.length ? ` mismatches=${JSON.stringify(report.mismatches.slice(0, 5))}` : ''));
  const all = `${sum(results, 'equal')}/${sum(results, 'compared')} fields equal (${((100 * sum(results, 'equal')) / Math.max(1, sum(results, 'compared'))).toFixed(3)} %)`;
  // The agreement figures are the point of this suite: print them.
  console.info(`AIS vs live ${version}: ${all}\n${lines.join('\n')}`);
});

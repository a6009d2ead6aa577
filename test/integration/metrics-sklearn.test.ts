/**
 * Issue 7, "how it will be checked": metrics exported by `aiw export metrics` are recomputed
 * independently with scikit-learn (Debian's python3-sklearn) from `aiw export predictions` and
 * `aiw export labels`, and must agree to 1e-9 — for AIS truth, for verified truth, and under two class
 * mapping versions after a mapping change (re-scoring gives both answers; predictions are untouched).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '../../src/main/app/container.ts';
import { runAiw } from '../helpers/run-aiw.ts';
import { REPO_ROOT, tempDir } from '../helpers/serve-process.ts';
import { FROM, seedMetricsData, TO } from './metrics-fixture.ts';

const CHECK = join(REPO_ROOT, 'test/integration/metrics_sklearn_check.py');

/** A Python with scikit-learn: Debian's, installed when missing and we are root; else undefined (test skipped). */
function findPython(): string | undefined {
  const has = (py: string) => spawnSync(py, ['-c', 'import sklearn, scipy'], { encoding: 'utf8' }).status === 0;
  const candidates = ['/usr/bin/python3', 'python3'];
  const found = candidates.find(has);
  if (found || process.getuid?.() !== 0) return found;
  spawnSync('apt-get', ['install', '-y', 'python3-sklearn'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
  return candidates.find(has);
}

const python = findPython();
if (!python) process.stderr.write('metrics-sklearn: skipped — no python3 with scikit-learn (apt-get install python3-sklearn as root)\n');

const iso = (ms: number) => new Date(ms).toISOString();

describe.skipIf(!python)('exported metrics agree with scikit-learn', () => {
  const dir = tempDir('aiw-metrics-sklearn-');
  const out = (name: string) => join(dir, name);
  const exportCsv = (what: string, file: string, ...extra: string[]) => {
    const r = runAiw(['export', what, '--data-dir', dir, '--from', iso(FROM), '--to', iso(TO), '--out', out(file), ...extra]);
    expect(r.code, r.stderr).toBe(0);
    return readFileSync(out(file), 'utf8');
  };
  const check = (predictions: string, labels: string, metrics: string) => {
    const r = spawnSync(python!, [CHECK, out(predictions), out(labels), out(metrics)], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).not.toBeNull();
    const summary = JSON.parse(r.stdout) as { checked: number; maxDiff: number; failures: string[]; failureCount: number; models: Record<string, number> };
    expect(summary.failures).toEqual([]);
    expect(r.status).toBe(0);
    return summary;
  };

  beforeAll(() => {
    seedMetricsData(dir);
  }, 60_000);

  it('AIS truth at 40 km under mapping version 1: every number matches sklearn within 1e-9', () => {
    exportCsv('predictions', 'predictions.csv');
    exportCsv('labels', 'labels-v1.csv', '--mapping-version', '1');
    exportCsv('metrics', 'metrics-v1.csv', '--range', '40', '--mapping-version', '1');
    const s = check('predictions.csv', 'labels-v1.csv', 'metrics-v1.csv');
    expect(Object.keys(s.models).sort()).toEqual(['mc4@1.0.0', 'mc5@1.0.0', 'ml5@1.0.0']);
    for (const n of Object.values(s.models)) expect(n).toBeGreaterThan(400);
    expect(s.checked).toBeGreaterThan(2000);
    expect(s.maxDiff).toBeLessThan(1e-9);
    // The drifting model is flagged, the others are not.
    const warn = (model: string) => readFileSync(out('metrics-v1.csv'), 'utf8').split('\n').find((l) => l.startsWith(`${model},1.0.0,`) && l.includes(',drift,,warning,'));
    expect(warn('mc5')).toMatch(/,1$/);
    expect(warn('mc4')).toMatch(/,0$/);
  }, 120_000);

  it('verified truth overrides AIS where the analyst verified, and still matches sklearn', () => {
    exportCsv('labels', 'labels-verified.csv', '--truth', 'verified');
    exportCsv('metrics', 'metrics-verified.csv', '--range', '40', '--truth', 'verified');
    check('predictions.csv', 'labels-verified.csv', 'metrics-verified.csv');
    expect(readFileSync(out('metrics-verified.csv'), 'utf8')).not.toEqual(readFileSync(out('metrics-v1.csv'), 'utf8').replace(',truth,value,ais', ',truth,value,verified'));
  }, 120_000);

  it('a mapping change (code 90 → A) re-scores under both versions without touching predictions', async () => {
    const before = readFileSync(out('predictions.csv'), 'utf8');
    const c = await createContainer({ dataDir: dir, mode: 'cli', live: false, analyst: 'tester' });
    const v2 = c.truth.assignClasses([{ designation: '90', classId: 'A' }], 'other-type vessels here are tugs');
    expect(v2).toMatchObject({ version: 2, author: 'tester', changes: [{ designation: '90', from: 'Unknown', to: 'A' }] });
    await c.stop();
    expect(exportCsv('predictions', 'predictions-after.csv')).toEqual(before);
    exportCsv('labels', 'labels-v2.csv', '--mapping-version', '2');
    exportCsv('metrics', 'metrics-v2.csv', '--range', '40', '--mapping-version', '2');
    exportCsv('metrics', 'metrics-v1-again.csv', '--range', '40', '--mapping-version', '1');
    const v2s = check('predictions.csv', 'labels-v2.csv', 'metrics-v2.csv');
    const v1s = check('predictions.csv', 'labels-v1.csv', 'metrics-v1-again.csv');
    // Segments with only a type-90 vessel in range were ambiguous under v1 and are single A under v2.
    expect(v2s.models['mc5@1.0.0']).toBeGreaterThan(v1s.models['mc5@1.0.0']);
    expect(readFileSync(out('metrics-v1-again.csv'), 'utf8')).toEqual(readFileSync(out('metrics-v1.csv'), 'utf8'));
  }, 120_000);
});

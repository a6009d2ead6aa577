/**
 * Truth labels in a running workstation (`aiw serve`, demo station at 20×): labels appear and become
 * final as simulated AIS arrives, the analyst verifies a segment, metrics score the baseline model,
 * a class-mapping change creates version 2 and re-derives labels, and verified segments export as a
 * training set with WAV clips cut from the demo's audio cache.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassesOverview, LabelEngineStatus, MappingVersion, SegmentLabel, TrainingExport, Verification } from '../../src/shared/labels.ts';
import type { MetricsReport } from '../../src/shared/metrics.ts';
import { startServe, tempDir, type ServeHandle } from '../helpers/serve-process.ts';
import { connectApi, type ApiClient } from '../helpers/ws-client.ts';

let serve: ServeHandle;
let api: ApiClient;

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const r = await api.invoke<T>(channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error?.code} ${r.error?.message}`);
  return r.value!;
}

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  const dir = tempDir('aiw-labels-serve-');
  const config = join(dir, 'config.json');
  // Short AIS limits so labels turn final within seconds of wall time at 20×.
  writeFileSync(config, JSON.stringify({
    analyst: 'a.tester', demo: { speed: 20, cacheHours: 1, cacheFileSeconds: 20 },
    labels: { maxGapMs: 60_000, staleMs: 60_000, coverageGapMs: 60_000, settleMs: 0 },
  }));
  serve = await startServe(['--config', config], 60_000, dir);
  api = await connectApi(serve.url);
}, 90_000);

afterAll(async () => {
  api?.close();
  await serve?.stop();
});

describe('labels in a running workstation', () => {
  it('labels demo segments as AIS arrives, turns them final, and scores the baseline model', async () => {
    const status = await until('final labels', () => call<LabelEngineStatus>('labels:status', {}), (s) => s.final >= 4 && s.watermark !== null);
    expect(status).toMatchObject({ rangesKm: [20, 40, 60, 80, 100, 120], liveRangeKm: 20, currentMappingVersion: 1 });
    const now = status.watermark!;
    const labels = await call<SegmentLabel[]>('labels:segments', { stationId: 'demo', from: now - 3_600_000, to: now + 3_600_000 });
    expect(labels.length).toBeGreaterThanOrEqual(4);
    const final = labels.filter((l) => l.final);
    expect(final.length).toBeGreaterThan(0);
    for (const l of labels) expect(['single', 'multi', 'background', 'ambiguous']).toContain(l.status);
    const report = await call<MetricsReport>('metrics:compute', { from: now - 3_600_000, to: now + 3_600_000 });
    expect(report.labelled).toBeGreaterThan(0);
    const baseline = report.models.find((m) => m.modelId === 'baseline-logreg')!;
    expect(baseline.predictions).toBeGreaterThan(0);
    expect(baseline.overall.support + Object.values(baseline.excluded).reduce((a, b) => a + b, 0)).toBe(baseline.predictions);
    const csv = await call<{ fileName: string; csv: string }>('metrics:export-csv', { from: now - 3_600_000, to: now + 3_600_000 });
    expect(csv.csv.split('\n')[0]).toBe('model_id,model_version,task,section,key,metric,value');
  }, 120_000);

  it('verification overrides AIS, and verified segments export with their audio as a training set', async () => {
    const status = await call<LabelEngineStatus>('labels:status', {});
    const now = status.watermark!;
    const labels = await until('a labelled segment with cached audio', () =>
      call<SegmentLabel[]>('labels:segments', { stationId: 'demo', from: now - 3_600_000, to: now + 3_600_000 }), (l) => l.length >= 2);
    const [first, second] = labels;
    const v = await call<Verification>('labels:verify', { segmentId: first.segmentId, verdict: 'corrected', classes: ['D'], note: 'heard a cargo ship' });
    expect(v).toMatchObject({ segmentId: first.segmentId, verdict: 'corrected', classes: ['D'], analyst: 'a.tester' });
    await call('labels:verify', { segmentId: second.segmentId, verdict: 'no-ship' });
    const bad = await api.invoke('labels:verify', { segmentId: first.segmentId, verdict: 'confirmed', classes: ['E'] });
    expect(bad.error?.code).toBe('BAD_REQUEST');
    const again = await call<SegmentLabel[]>('labels:segments', { stationId: 'demo', from: first.start, to: first.end });
    expect(again.find((l) => l.segmentId === first.segmentId)!.verification).toMatchObject({ verdict: 'corrected' });
    const verified = await call<MetricsReport>('metrics:compute', { from: first.start, to: second.end + 1, truth: 'verified-only' });
    const scored = verified.models.find((m) => m.modelId === 'baseline-logreg')!;
    expect(scored.overall.support).toBe(2);
    const exported = await until('cached audio for the verified segments', () =>
      call<TrainingExport>('labels:export-training-set', { from: first.start, to: second.end + 1 }), (e) => e.withAudio === 2, 60_000);
    const csv = readFileSync(join(exported.dir, 'training.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain('corrected');
    const file = csv[1].split(',')[0];
    expect(existsSync(join(exported.dir, file))).toBe(true);
  }, 120_000);

  it('a class-mapping change creates version 2 with the analyst as author; labels are re-derived under it', async () => {
    const overview = await call<ClassesOverview>('classes:overview', {});
    expect(overview.current).toBe(1);
    const seen = overview.designations.filter((d) => d.vessels > 0);
    expect(seen.length).toBeGreaterThan(0);
    const target = seen[0];
    const to = target.classId === 'A' ? 'B' : 'A';
    const v2 = await call<MappingVersion>('classes:assign', { changes: [{ designation: target.designation, classId: to }], note: 'test change' });
    expect(v2).toMatchObject({ version: 2, author: 'a.tester', note: 'test change', changes: [{ designation: target.designation, from: target.classId, to }] });
    const versions = await call<MappingVersion[]>('classes:versions', {});
    expect(versions.map((x) => x.version)).toEqual([1, 2]);
    const st = await call<LabelEngineStatus>('labels:status', {});
    expect(st.currentMappingVersion).toBe(2);
    const asOf1 = await call<ClassesOverview>('classes:overview', { mappingVersion: 1 });
    expect(asOf1.designations.find((d) => d.designation === target.designation)!.classId).toBe(target.classId);
  }, 60_000);
});

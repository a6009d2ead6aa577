/**
 * Sessions end to end, the way an analyst moves one to a laptop: the demo station runs accelerated
 * under `aiw serve`, an analyst verifies a segment, the live run is exported to one `.aiwsession`
 * file, the data folder is deleted, the file is imported into a fresh one with `aiw session import`,
 * and a server with no demo and no network opens it: predictions, labels, verifications, AIS, audio
 * and tiles are all there, byte for byte. A damaged or truncated file is refused and writes nothing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReviewTimeline, Session, SessionExportResult } from '../../src/shared/sessions.ts';
import type { SessionManifest } from '../../src/main/sessions/session-file.ts';
import { indexTar } from '../../src/main/sessions/tar-archive.ts';
import { runAiw } from '../helpers/run-aiw.ts';
import { startServe, tempDir } from '../helpers/serve-process.ts';
import { connectApi, type ApiClient } from '../helpers/ws-client.ts';

const work = tempDir('aiw-session-');
const config = (name: string, value: unknown) => {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const count = (db: Database.Database, sql: string) => db.prepare(sql).pluck().get() as number;

/** Polls `sessions:list` until the demo run has enough of everything. */
async function waitForRun(api: ApiClient): Promise<Session> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await api.invoke<Session[]>('sessions:list', { stationId: 'demo' });
    const run = r.value?.find((s) => s.kind === 'run');
    if (run && run.counts.recordings >= 3 && run.counts.labels >= 5 && run.counts.aisPositions > 0 && run.counts.tiles > 0) return run;
    if (Date.now() > deadline) throw new Error(`the demo run did not fill within 60 s: ${JSON.stringify(run?.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The manifest of a session file, read with the system's tar (the format is plain ustar). */
function manifestOf(file: string): SessionManifest {
  return JSON.parse(execFileSync('tar', ['xOf', file, 'manifest.json'], { encoding: 'utf8', maxBuffer: 1 << 26 })) as SessionManifest;
}

describe('session export and import', () => {
  const sourceDir = join(work, 'source');
  const file = join(work, 'run.aiwsession');
  let exported: SessionExportResult;
  let run: Session;

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('exports a live run of the accelerated demo while it is running', async () => {
    const serve = await startServe(['--demo-speed', '60', '--config', config('source.json', { demo: { cacheFileSeconds: 60 } })], 30_000, sourceDir);
    try {
      const api = await connectApi(serve.url);
      run = await waitForRun(api);
      const segment = (await api.invoke<ReviewTimeline>('review:timeline', { stationId: 'demo', from: run.from, to: run.to })).value!.segments.ids[2]!;
      expect((await api.invoke('labels:verify', { segmentId: segment, verdict: 'corrected', classes: ['C'], note: 'heard a tanker' })).ok).toBe(true);
      const r = await api.invoke<SessionExportResult>('sessions:export', { id: run.id, path: file });
      expect(r.error).toBeUndefined();
      exported = r.value!;
      api.close();
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    expect(exported.sha256).toBe(sha(file));
    const manifest = manifestOf(file);
    expect(manifest).toMatchObject({ format: 'aiwsession', formatVersion: 1, session: { id: run.id, stationId: 'demo' } });
    expect(manifest.counts.verifications).toBe(1);
    expect(manifest.members.filter((m) => m.name.startsWith('audio/')).length).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it('imports into a fresh data folder after the original is deleted, and opens offline', async () => {
    const manifest = manifestOf(file);
    rmSync(sourceDir, { recursive: true, force: true });
    const target = join(work, 'target');
    const imported = runAiw(['session', 'import', file, '--data-dir', target, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const db = new Database(join(target, 'aiw.db'), { readonly: true });
    try {
      for (const table of ['segments', 'predictions', 'labels', 'label_facts', 'verifications', 'ais_positions', 'recordings', 'spectrogram_tiles']) {
        expect(count(db, `SELECT count(*) FROM ${table}`), table).toBe(manifest.counts[table]);
      }
      expect(count(db, "SELECT count(*) FROM sessions WHERE kind = 'imported' AND pinned = 1")).toBe(1);
      const audio = db.prepare<[], { id: number; path: string }>('SELECT id, path FROM recordings').all();
      const members = new Map(manifest.members.map((m) => [m.name, m.sha256]));
      for (const r of audio) expect(sha(r.path)).toBe(members.get(`audio/${r.id}.wav`));
    } finally {
      db.close();
    }
    const serve = await startServe(['--config', config('offline.json', { demo: { enabled: false } })], 30_000, target);
    try {
      const api = await connectApi(serve.url);
      const { from, to } = manifest.session;
      const timeline = (await api.invoke<ReviewTimeline>('review:timeline', { stationId: 'demo', from, to })).value!;
      expect(timeline.segments.ids.length).toBe(manifest.counts.segments);
      expect(timeline.models[0]!.predicted.filter((p) => p !== null).length).toBeGreaterThan(0);
      expect(timeline.verifications.filter((v) => v?.verdict === 'corrected')).toHaveLength(1);
      expect(timeline.truth.status.filter((s) => s !== null).length).toBeGreaterThan(0);
      const tiles = await api.invoke<{ tiles: unknown[] }>('spectrogram:tiles', { stationId: 'demo', from, to, pixels: 800 });
      expect(tiles.value!.tiles.length).toBeGreaterThan(0);
      const wav = await api.invoke<{ base64: string; missingMs: number }>('export:wav', { stationId: 'demo', from: from + 60_000, to: from + 90_000 });
      expect(wav.value!.missingMs).toBe(0);
      const vessels = await api.invoke<{ vessels: unknown[] }>('ais:vessels-at', { time: (from + to) / 2, stationId: 'demo', rangeKm: 100 });
      expect(vessels.value!.vessels.length).toBeGreaterThan(0);
      const metrics = await api.invoke<{ models: { modelId: string; predictions: number }[] }>('metrics:compute', { from, to, stationId: 'demo' });
      expect(metrics.error).toBeUndefined();
      expect(metrics.value!.models.find((m) => m.modelId === 'baseline-logreg')!.predictions).toBeGreaterThan(0);
      api.close();
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 90_000);

  it('refuses a damaged or truncated file with a clear error and writes nothing', async () => {
    const bytes = readFileSync(file);
    const fh = await open(file, 'r');
    const audio = (await indexTar(fh, file)).find((e) => e.name.startsWith('audio/'))!;
    await fh.close();
    const damaged = Buffer.from(bytes);
    const at = audio.dataOffset + 5000; // one sample in the middle of the first audio file
    damaged[at] = damaged[at]! ^ 0xff;
    const cases: [string, Buffer, RegExp][] = [
      ['damaged', damaged, new RegExp(`${audio.name.replace('.', '\\.')} is damaged \\(sha256 mismatch\\)`)],
      ['truncated', bytes.subarray(0, Math.floor(bytes.length / 2)), /truncated/],
    ];
    for (const [name, data, message] of cases) {
      const bad = join(work, `${name}.aiwsession`);
      writeFileSync(bad, data);
      const target = join(work, `refused-${name}`);
      const r = runAiw(['session', 'import', bad, '--data-dir', target]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/Nothing was imported/);
      const db = new Database(join(target, 'aiw.db'), { readonly: true });
      expect(count(db, 'SELECT count(*) FROM segments') + count(db, 'SELECT count(*) FROM sessions') + count(db, 'SELECT count(*) FROM ais_positions')).toBe(0);
      db.close();
      expect(readdirSync(join(target, 'cache', 'audio'))).toEqual([]);
      expect(readdirSync(target).filter((f) => f.startsWith('.import-'))).toEqual([]);
      expect(existsSync(join(target, 'cache', 'tiles'))).toBe(true);
    }
  }, 60_000);
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepositories } from '../storage/repositories.ts';
import { createVesselDb } from '../vessels/vessel-db.ts';
import { fillFixture, FIXTURE_T0, openFixture, type Fixture } from './session-fixture.ts';
import { RUN_GAP_MS } from './sessions-repo.ts';

const SEG = 30_000;
let fixture: Fixture | undefined;
const open = () => (fixture = openFixture(mkdtempSync(join(tmpdir(), 'aiw-sessions-'))));
afterEach(() => fixture?.close());

function addSegments(f: Fixture, from: number, n: number): void {
  const repos = createRepositories(f.db);
  for (let i = 0; i < n; i++) repos.segments.ensure({ stationId: f.station.id, startTime: from + i * SEG, endTime: from + (i + 1) * SEG, sampleRate: 1000, padded: false });
}

describe('sessions', () => {
  it('finds live runs in the segments, extends the newest one and keeps its pin', () => {
    const f = open();
    addSegments(f, FIXTURE_T0, 10);
    addSegments(f, FIXTURE_T0 + 10 * SEG + RUN_GAP_MS + 1, 4); // a pause longer than RUN_GAP_MS: a second run
    let runs = f.sessions.list().filter((s) => s.kind === 'run');
    expect(runs.map((r) => [r.from, r.to, r.counts.segments])).toEqual([
      [FIXTURE_T0 + 10 * SEG + RUN_GAP_MS + 1, FIXTURE_T0 + 14 * SEG + RUN_GAP_MS + 1, 4],
      [FIXTURE_T0, FIXTURE_T0 + 10 * SEG, 10],
    ]);
    f.sessions.update(runs[0]!.id, { pinned: true, name: 'tanker pass' });
    addSegments(f, FIXTURE_T0 + 14 * SEG + RUN_GAP_MS + 1, 3); // the run goes on
    runs = f.sessions.list().filter((s) => s.kind === 'run');
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ pinned: true, name: 'tanker pass', to: FIXTURE_T0 + 17 * SEG + RUN_GAP_MS + 1 });
    expect(() => f.sessions.delete(runs[0]!.id)).toThrow(/live run/);
  });

  it('looks one session up without counting its data, with a live run brought up to date', () => {
    const f = open();
    addSegments(f, FIXTURE_T0, 2);
    const run = f.sessions.list().find((s) => s.kind === 'run')!;
    addSegments(f, FIXTURE_T0 + 2 * SEG, 3); // the run goes on
    expect(f.sessions.ref(run.id)).toEqual({
      id: run.id, name: run.name, stationId: f.station.id, stationName: run.stationName, kind: 'run', from: FIXTURE_T0, to: FIXTURE_T0 + 5 * SEG,
    });
    expect(() => f.sessions.ref('nope')).toThrow(/no session/);
  });

  it('lists a chosen span with its counts, sizes and models', async () => {
    const f = open();
    await fillFixture(f, 4);
    const s = f.sessions.create({ stationId: 'st', from: FIXTURE_T0 + 60_000, to: FIXTURE_T0 + 180_000, name: 'two minutes' });
    expect(s).toMatchObject({ kind: 'span', name: 'two minutes', models: ['m@1'], pinned: false });
    expect(s.counts).toMatchObject({ recordings: 2, segments: 4, predictions: 4, labels: 4, verifications: 0 });
    expect(s.bytes.audio).toBe(2 * (44 + 2 * 60_000));
    expect(s.counts.aisPositions).toBe(2 + 60 + 1); // the near vessel only, 30 min either side, one fix a minute
    expect(s.counts.tiles).toBeGreaterThan(0);
    expect(() => f.sessions.create({ stationId: 'nope', from: 0, to: 1 })).toThrow(/no station/);
  });

  it('keeps pinned sessions from every cache clean-up: demo audio, remote recordings, AIS', async () => {
    const f = open();
    await fillFixture(f, 4);
    const repos = createRepositories(f.db);
    const pinned = f.sessions.create({ stationId: 'st', from: FIXTURE_T0 + 60_000, to: FIXTURE_T0 + 90_000, pinned: true });
    const removed = repos.backfill.removeOlderThan('st', join(f.paths.audioCache, 'st'), FIXTURE_T0 + 86_400_000);
    expect(removed.map((p) => p.slice(-8))).toEqual(['st-0.wav', 'st-2.wav', 'st-3.wav']);
    const kept = repos.backfill.inRange('st', FIXTURE_T0, FIXTURE_T0 + 240_000);
    expect(kept).toHaveLength(1);
    expect(f.sessions.isRecordingPinned(kept[0]!.id)).toBe(true);
    const ais = createVesselDb(f.db);
    ais.prune(0.01); // ~15 minutes before the newest fix
    const times = f.db.prepare<[], number>('SELECT time FROM ais_positions WHERE mmsi = 366000001 ORDER BY time').pluck().all();
    expect(times[0]).toBe(pinned.from - 30 * 60_000); // the margin around the pinned session survives
    f.sessions.update(pinned.id, { pinned: false });
    expect(f.sessions.isRecordingPinned(kept[0]!.id)).toBe(false);
  });
});

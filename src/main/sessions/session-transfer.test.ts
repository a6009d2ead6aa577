import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cutWav } from '../export/wav-export.ts';
import { createRepositories } from '../storage/repositories.ts';
import { fillFixture, FIXTURE_RATE, FIXTURE_T0, fixtureStation, openFixture, tone, type Fixture } from './session-fixture.ts';

const opened: Fixture[] = [];
const open = (name: string) => {
  const f = openFixture(join(mkdtempSync(join(tmpdir(), 'aiw-transfer-')), name));
  opened.push(f);
  return f;
};
afterEach(() => {
  for (const f of opened.splice(0)) f.close();
});
const count = (f: Fixture, sql: string) => f.db.prepare(sql).pluck().get() as number;

/** A second mapping version that moves one designation to another class. */
function addMappingVersion(f: Fixture, designation: string, classId: string): number {
  const version = count(f, 'SELECT max(version) FROM class_mappings') + 1;
  f.db.prepare("INSERT INTO class_mappings (version, author, note, created_at) VALUES (?, 'test', '', 0)").run(version);
  f.db.prepare('INSERT INTO class_mapping_entries (version, designation, class_id) SELECT ?, designation, class_id FROM class_mapping_entries WHERE version = 1').run(version);
  f.db.prepare('UPDATE class_mapping_entries SET class_id = ? WHERE version = ? AND designation = ?').run(classId, version, designation);
  return version;
}

describe('session export and import', () => {
  it('moves a session into a folder that already has that station: renamed, ids shifted, nothing dangling', async () => {
    const source = open('source');
    await fillFixture(source, 5);
    const v2 = addMappingVersion(source, '70', 'B');
    source.db.prepare('UPDATE labels SET mapping_version = ?').run(v2);
    const seg = count(source, `SELECT id FROM segments WHERE start_time = ${FIXTURE_T0 + 60_000}`);
    source.db.prepare("INSERT INTO verifications (segment_id, verdict, classes, analyst, at) VALUES (?, 'corrected', '[\"C\"]', 'ana', 1)").run(seg);
    const session = source.sessions.create({ stationId: 'st', from: FIXTURE_T0 + 60_000, to: FIXTURE_T0 + 240_000, name: 'pass', note: 'tanker' });
    const file = join(source.paths.root, 'pass.aiwsession');
    const exported = await source.sessions.export(session.id, file);
    expect(exported).toMatchObject({ path: file, members: 2 + 3 + session.counts.tiles + 2 });

    const target = open('target');
    await fillFixture(target, 2); // its own station "st" with overlapping times
    const before = { segments: count(target, 'SELECT count(*) FROM segments'), ais: count(target, 'SELECT count(*) FROM ais_positions') };
    const imported = await target.sessions.import(file);
    expect(imported.renamedFrom).toBe('st');
    expect(imported.stationId).toMatch(/^st~[0-9a-f]{6}$/);
    expect(imported.session).toMatchObject({ id: session.id, kind: 'imported', pinned: true, name: 'pass', note: 'tanker', stationId: imported.stationId, importedFrom: 'pass.aiwsession' });
    expect(imported.session.counts).toEqual(session.counts);
    expect(count(target, 'SELECT count(*) FROM segments')).toBe(before.segments + session.counts.segments);
    // The same vessel fixes were already here (same times): not duplicated.
    expect(count(target, 'SELECT count(*) FROM ais_positions')).toBe(before.ais);
    expect(target.db.pragma('foreign_key_check')).toEqual([]);
    // Mapping version 2 does not exist here: the labels fall back to the current mapping, to be re-derived.
    expect(count(target, 'SELECT max(mapping_version) FROM labels')).toBe(1);
    expect(count(target, "SELECT count(*) FROM verifications WHERE verdict = 'corrected'")).toBe(1);
    expect(count(target, "SELECT count(*) FROM models WHERE id = 'm' AND status = 'active'")).toBe(1); // the local model row is kept

    const recordings = createRepositories(target.db).backfill.inRange(imported.stationId, session.from, session.to);
    expect(recordings).toHaveLength(3);
    for (const r of recordings) expect(r.path).toContain(join('audio', imported.stationId, `session-${session.id}`));
    const cut = await cutWav(recordings, FIXTURE_T0 + 90_000, FIXTURE_T0 + 91_000);
    const expected = tone(FIXTURE_RATE, 50, 90 * FIXTURE_RATE);
    const samples = new Int16Array(cut.wav.buffer.slice(cut.wav.byteOffset + 44, cut.wav.byteOffset + cut.wav.length));
    expect(samples.length).toBe(FIXTURE_RATE);
    expect(Math.max(...samples.map((s, i) => Math.abs(s / 32768 - expected[i]!)))).toBeLessThan(1e-3);
    expect(cut.missingMs).toBe(0);

    const pyramid = count(target, `SELECT id FROM spectrogram_pyramids WHERE station_id = '${imported.stationId}'`);
    const tile = target.db.prepare<[number], number>('SELECT tile_index FROM spectrogram_tiles WHERE pyramid_id = ? LIMIT 1').pluck().get(pyramid)!;
    expect(readFileSync(join(target.paths.tileCache, String(pyramid), 'L0', `${tile}.tile`), 'utf8')).toBe(`tile ${tile}`);

    await expect(target.sessions.import(file)).rejects.toMatchObject({ code: 'CONFLICT' });
    // And back out again: an imported session exports like any other.
    const again = await target.sessions.export(session.id, join(target.paths.root, 'again.aiwsession'));
    expect(existsSync(again.path)).toBe(true);
  });

  it('imports into a fresh folder under the same station id', async () => {
    const source = open('a');
    await fillFixture(source, 2);
    const session = source.sessions.create({ stationId: 'st', from: FIXTURE_T0, to: FIXTURE_T0 + 120_000 });
    const file = (await source.sessions.export(session.id)).path;
    expect(file).toBe(join(source.paths.root, 'exports', `${session.id}.aiwsession`));
    const fresh = openFixture(join(mkdtempSync(join(tmpdir(), 'aiw-fresh-')), 'b'), fixtureStation('other'));
    opened.push(fresh);
    const imported = await fresh.sessions.import(file);
    expect(imported.stationId).toBe('st');
    expect(imported.renamedFrom).toBeUndefined();
    expect(count(fresh, "SELECT count(*) FROM labels WHERE mapping_version = 1")).toBe(session.counts.labels);
    expect(fresh.sessions.list().map((s) => s.kind)).toEqual(['imported']);
  });
});

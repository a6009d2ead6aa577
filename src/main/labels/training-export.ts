/**
 * Verified segments as a training set: one WAV per segment cut from the cached audio (cache/audio: the
 * demo station's cache files and downloaded SFTP recordings) and `training.csv` with provenance —
 * station and position, times, the analyst's verdict and class set, the AIS label and its vessels under
 * the mapping version, and every model version's prediction. A segment whose audio is not cached (any
 * more) is still listed, with the reason in the `audio` column. "Can't tell" verdicts are not exported.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Station } from '../../shared/domain.ts';
import type { Verification } from '../../shared/labels.ts';
import type { TrainingExport } from '../../shared/labels.ts';
import { readAudioAll } from '../audio/audio-file.ts';
import { writeWav } from '../audio/wav-writer.ts';
import { classOf, type ClassMapping } from '../classes/mapping-repo.ts';
import type { Db } from '../storage/database.ts';
import type { CachedRecording } from '../storage/backfill-repo.ts';
import { csvLine } from '../metrics/export-csv.ts';
import { deriveLabel } from './derive.ts';
import type { LabelsRepo, StoredLabel } from './labels-repo.ts';

/** What the export reads. */
export interface TrainingExportDeps {
  db: Db;
  labels: LabelsRepo;
  stations: readonly Station[];
  /** Cached recordings of a station overlapping [from, to), oldest first. */
  recordings(stationId: string, from: number, to: number): CachedRecording[];
  mapping: ClassMapping;
  mappingVersion: number;
  rangeKm: number;
  appVersion: string;
}

const COLUMNS = [
  'file', 'audio', 'segment_id', 'station_id', 'station_lat', 'station_lon', 'segment_start', 'segment_start_ms', 'segment_end_ms', 'sample_rate',
  'channels', 'verdict', 'classes', 'verified_by', 'verified_at', 'note', 'mapping_version', 'range_km', 'ais_status', 'ais_classes',
  'ais_coverage', 'ais_final', 'ais_vessels', 'predictions',
] as const;

interface SegmentInfo { id: number; stationId: string; start: number; end: number }

const iso = (ms: number) => new Date(ms).toISOString();
const stamp = (ms: number) => iso(ms).replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Audio of [start, end) from cached recordings, or the reason there is none. */
export async function cutAudio(recordings: readonly CachedRecording[], start: number, end: number): Promise<{ channels: Float32Array[]; sampleRate: number } | string> {
  if (recordings.length === 0) return 'no cached audio for this time (never cached, or removed by retention)';
  const parts: Float32Array[][] = [];
  let covered = start;
  const rate = recordings[0].sampleRate;
  for (const r of recordings) {
    if (r.sampleRate !== rate || r.channels !== recordings[0].channels) return 'cached audio changes format inside the segment';
    if (r.startTime > covered + 1000 / rate) return `cached audio has a gap at ${iso(covered)}`;
    const startFrame = Math.max(0, Math.round(((covered - r.startTime) * rate) / 1000));
    const endFrame = Math.round(((Math.min(end, r.startTime + r.durationMs) - r.startTime) * rate) / 1000);
    if (endFrame <= startFrame) continue;
    try {
      parts.push((await readAudioAll(r.path, { startFrame, endFrame })).channels);
    } catch (err) {
      return `cached audio unreadable: ${(err as Error).message}`;
    }
    covered = r.startTime + (endFrame * 1000) / rate;
    if (covered >= end - 1000 / rate) break;
  }
  if (covered < end - 1000 / rate) return `cached audio ends at ${iso(covered)}`;
  const channels = parts[0].map((_, c) => {
    const out = new Float32Array(parts.reduce((n, p) => n + p[c].length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p[c], at);
      at += p[c].length;
    }
    return out;
  });
  return { channels, sampleRate: rate };
}

function predictionsOf(db: Db, segmentId: number): string {
  const rows = db.prepare<[number], { model_id: string; model_version: string; predicted_class: string; probs: string; classes: string }>(
    'SELECT model_id, model_version, predicted_class, probs, classes FROM predictions WHERE segment_id = ? ORDER BY model_id, model_version').all(segmentId);
  return rows.map((r) => `${r.model_id}@${r.model_version}:${r.predicted_class}:${r.classes}=${r.probs}`).join('|');
}

function aisContext(label: StoredLabel | undefined, d: TrainingExportDeps): unknown[] {
  if (!label) return ['', '', '', '', ''];
  const derived = deriveLabel(label.coverage, label.vessels, d.mapping);
  const vessels = label.vessels.map(([mmsi, des, zone, m]) => `${mmsi}:${des}:${classOf(d.mapping, des)}:${zone}:${m ?? ''}`).join('|');
  return [derived.status, derived.classes.join(';'), label.coverage, label.final ? 1 : 0, vessels];
}

/** Writes the training set of `verifications` into `dir` (clips/ and training.csv, provenance.json). */
export async function exportTrainingSet(verifications: readonly Verification[], dir: string, d: TrainingExportDeps): Promise<TrainingExport> {
  await mkdir(join(dir, 'clips'), { recursive: true });
  const lines = [csvLine(COLUMNS)];
  let withAudio = 0;
  const usable = verifications.filter((v) => v.verdict !== 'cant-tell');
  for (const v of usable) {
    const label = d.labels.bySegment(v.segmentId).find((l) => l.rangeKm === d.rangeKm);
    const seg: SegmentInfo | undefined = label ?? d.db.prepare<[number], SegmentInfo>(
      'SELECT id, station_id AS stationId, start_time AS start, end_time AS end FROM segments WHERE id = ?').get(v.segmentId);
    if (!seg) continue;
    const station = d.stations.find((s) => s.id === seg.stationId);
    const audio = await cutAudio(d.recordings(seg.stationId, seg.start, seg.end), seg.start, seg.end);
    const file = typeof audio === 'string' ? '' : join('clips', `${seg.stationId}_${stamp(seg.start)}_${v.segmentId}.wav`);
    if (typeof audio !== 'string') {
      await writeWav(join(dir, file), audio.channels, { sampleRate: audio.sampleRate, encoding: 'float32' });
      withAudio++;
    }
    const classes = v.verdict === 'no-ship' ? ['E'] : v.classes;
    lines.push(csvLine([
      file, typeof audio === 'string' ? audio : 'ok', v.segmentId, seg.stationId, station?.lat, station?.lon, iso(seg.start), seg.start, seg.end,
      typeof audio === 'string' ? '' : audio.sampleRate, typeof audio === 'string' ? '' : audio.channels.length, v.verdict, classes.join(';'),
      v.analyst, iso(v.at), v.note, d.mappingVersion, d.rangeKm, ...aisContext(label, d), predictionsOf(d.db, v.segmentId),
    ]));
  }
  await writeFile(join(dir, 'training.csv'), lines.join(''));
  const provenance = { exportedAt: iso(Date.now()), workstation: d.appVersion, mappingVersion: d.mappingVersion, rangeKm: d.rangeKm, segments: usable.length, withAudio };
  await writeFile(join(dir, 'provenance.json'), `${JSON.stringify(provenance, null, 2)}\n`);
  return { dir, segments: usable.length, withAudio, withoutAudio: usable.length - withAudio };
}

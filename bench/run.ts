/**
 * `npm run bench`: speed goals as ratios and real-time factors, measured in this
 * process against references run in the same process (never wall-clock thresholds).
 */
import os from 'node:os';
import { benchAis } from '../src/main/ais/bench.ts';
import { benchAisIngest } from '../src/main/ais/bench-ingest.ts';
import { benchDsp } from '../src/main/dsp/bench.ts';
import { benchReadMemory } from '../src/main/audio/bench-memory.ts';
import { benchPyramid } from '../src/main/tiles/bench.ts';
import { benchModels } from '../src/main/models/bench.ts';
import { benchLabelsAndMetrics } from '../src/main/metrics/bench.ts';
import { benchSessions } from '../src/main/sessions/bench.ts';
import { benchMetricsPage, metricsPageLines } from './metrics-page.ts';
import { benchDemoPipeline } from './demo-pipeline.ts';
import { benchSftp } from './sftp-ingest.ts';
import { benchSftpLatency } from './sftp-latency.ts';
import type { FrameStats } from './frame-probe.ts';
import { benchMapFps, mapFpsUnavailableReason } from './map-fps.ts';
import { benchReviewFps } from './review-fps.ts';

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
const section = (title: string) => process.stdout.write(`\n## ${title}\n`);
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(58)} ${value}\n`);

/** Every section by the name `--only` takes, in the order a full run prints them. */
const SECTIONS: Record<string, () => Promise<void>> = {
  demo: demoSection,
  models: modelsSection,
  signal: signalChainSections,
  ais: aisSections,
  map: mapSection,
  labels: labelsSection,
  sessions: sessionsSection,
  review: reviewSection,
  sftp: sftpSections,
};

/** `npm run bench [-- --only sftp,map]`: every section, or the named ones (a quiet machine for one goal). */
async function main(): Promise<void> {
  const at = process.argv.indexOf('--only');
  const only = at >= 0 ? (process.argv[at + 1] ?? '').split(',') : Object.keys(SECTIONS);
  const unknown = only.filter((name) => !(name in SECTIONS));
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  process.stdout.write(`aiw bench — node ${process.version}, ${new Date().toISOString()}, load average ${os.loadavg()[0]!.toFixed(1)}\n`);
  for (const name of only) await SECTIONS[name]!();
}

/** The demo station end to end: simulator, display spectrogram, segmentation, features, baseline model. */
async function demoSection(): Promise<void> {
  section('Demo pipeline (simulate → spectrogram + features → baseline model), one core');
  const demo = await benchDemoPipeline(Number(process.env.AIW_BENCH_DEMO_SECONDS ?? 600));
  line('audio simulated', `${demo.audioSeconds} s, ${demo.segments} segments`);
  line('segments per second (whole pipeline)', fmt(demo.segmentsPerSecond, 2));
  line('real-time factor (whole pipeline)', `${fmt(demo.realTimeFactor)}×`);
  line('  simulator', `${fmt(demo.renderRtf)}× real time`);
  line('  display spectrogram + segmentation + features', `${fmt(demo.dspRtf)}× real time`);
  line('  inference per segment', `${fmt(demo.inferenceMsPerSegment, 2)} ms`);
  line('reference: bare fft.js 1024/512 over the same audio', `${fmt(demo.bareFftRtf)}× real time`);
  line('ratio: DSP stage / bare fft.js', fmt(demo.dspRtf / demo.bareFftRtf, 2));
}

/** Issue 6: decoding against gpsdecode, decode-and-store. */
async function aisSections(): Promise<void> {
  section('AIS decoding');
  for (const [k, v] of Object.entries(await benchAis())) line(k, typeof v === 'number' ? fmt(v, 2) : String(v));

  section('AIS decode-and-store (decode → plausibility gate → SQLite batches), one core; goal ≥ 50,000 sentences/s');
  const ingest = await benchAisIngest();
  line('sentences per second (decode + gate + store)', fmt(ingest.sentencesPerSecond, 0));
  line('positions stored', String(ingest.positionsStored));
  if (ingest.ratioVsGpsdecode !== undefined) {
    line('reference: gpsdecode, decode only, sentences per second', fmt(ingest.gpsdecodeSentencesPerSecond ?? Number.NaN, 0));
    line('ratio: decode-and-store / gpsdecode', fmt(ingest.ratioVsGpsdecode, 2));
  } else line('reference: gpsdecode', 'not installed (apt-get install gpsd-clients)');
}

/** Issue 6: the map while dragging, 2,000 vessels × 24 h tracks (bench/map-fps.ts; run alone: node bench/map-fps.ts). */
async function mapSection(): Promise<void> {
  section('Map: drag fps with 2,000 vessels and 24 h tracks in Chromium (software rendering); goal ≥ 50 fps');
  const reason = process.env.AIW_BENCH_MAP === '0' ? 'AIW_BENCH_MAP=0' : mapFpsUnavailableReason();
  if (reason) {
    line('skipped', `${reason}; run alone: node bench/map-fps.ts`);
    return;
  }
  const r = await benchMapFps({ seconds: Number(process.env.AIW_BENCH_MAP_SECONDS ?? 20), vessels: 2000, hours: 24 });
  const stats = (x: typeof r.busy) => `avg ${fmt(x.fpsAvg)}, p50 ${fmt(x.fpsP50)}, p95 ${fmt(x.fpsP95)} fps; ${x.longFrames} frames > 50 ms`;
  line(`${r.vessels} vessels, ${r.trackPoints} track points`, stats(r.busy));
  line('reference: same map, 10 km range, no tracks', stats(r.reference));
  line('ratio: busy / reference fps avg', fmt(r.busy.fpsAvg / r.reference.fpsAvg, 2));
}

/** Issue 3: decode + resample + log-mel, decimation, the tile pyramid and reading memory. */
async function signalChainSections(): Promise<void> {
  section('Signal chain: 1 h of 4-ch 8 kHz → 4 kHz seed log-mel; 1 h of 256 kHz → 8 kHz (× real time per CPU second, one core)');
  line('goals', 'pipeline ≥ 300×; pipeline ≤ 2× bare fft.js; 256 k → 8 k ≥ 200×');
  for (const [k, v] of Object.entries(await benchDsp())) line(k, fmt(v, 2));

  section('Display tile pyramid: 24 h of 8 kHz audio (1024-point FFT every 512 samples)');
  const p = await benchPyramid(Number(process.env.AIW_BENCH_PYRAMID_HOURS ?? 24));
  line('base columns', `${p.columns} over ${p.hours} h`);
  line('display spectrogram (FFT + dB), CPU', `${fmt(p.spectrogramS)} s (${fmt((p.hours * 3600) / p.spectrogramS, 0)}× real time)`);
  line('pyramid: pool + deflate + write + index, wall clock', `${fmt(p.pyramidS)} s (${fmt((p.hours * 3600) / p.pyramidS, 0)}× real time), CPU ${fmt(p.pyramidCpuS)} s`);
  line('tiles on disk', `${p.tiles} files, ${fmt(p.bytesOnDisk / 1024 / 1024)} MB`);
  line('query from disk: the whole range / one hour, 1500 px', `${fmt(p.dayQueryMs)} ms / ${fmt(p.hourQueryMs)} ms`);

  section('Memory: streaming a 3-hour 4-channel 8 kHz file through read → segments → features; goal < 200 MB above baseline');
  const m = await benchReadMemory(3);
  line('file', `${fmt(m.fileMB, 0)} MB, ${m.segments} segments`);
  line('peak RSS above the baseline of a fresh process', `${fmt(m.peakAboveBaselineMB)} MB (baseline ${fmt(m.baselineMB)} MB)`);
}

/** Remote-station ingest: transfer throughput vs OpenSSH's sftp, polling cost, stable → prediction latency. */
async function sftpSections(): Promise<void> {
  section('SFTP ingest: transfer against OpenSSH sftp on the same loopback link; goal ratio ≥ 0.8');
  const x = await benchSftp();
  if (typeof x === 'string') {
    line('skipped', x);
    return;
  }
  line('file', `${x.megabytes} MB, cipher ${x.cipher}, ssh2 native crypto ${x.nativeCrypto ? 'loaded' : 'not built'}`);
  line('ingest path (pipelined reads, in-order append, SHA-256)', `${fmt(x.ingestMBps)} MB/s`);
  line('reference: OpenSSH sftp, default cipher', `${fmt(x.opensshMBps)} MB/s`);
  line(`reference: OpenSSH sftp, ${x.cipher}`, `${fmt(x.opensshSameCipherMBps)} MB/s`);
  line('reference: ssh2-sftp-client fastGet', `${fmt(x.fastGetMBps)} MB/s`);
  line('ratio: ingest / OpenSSH sftp (default cipher)', fmt(x.ingestMBps / x.opensshMBps, 2));
  line('ratio: ingest / OpenSSH sftp (same cipher)', fmt(x.ingestMBps / x.opensshSameCipherMBps, 2));
  const l = x.listing;
  line(`poll of ${l.files} files in 50 folders, first listing`, `${fmt(l.firstMs, 0)} ms, ${l.firstReaddirs} folder listings`);
  line('poll again, nothing changed', `${fmt(l.unchangedMs, 0)} ms, ${l.unchangedReaddirs} folder listings`);

  section('SFTP ingest: file stable on the station → first prediction; goal ≤ 1 poll interval + transfer + 1 s');
  const latency = await benchSftpLatency();
  if (typeof latency === 'string') {
    line('skipped', latency);
    return;
  }
  for (const p of latency) {
    const ms = (k: 'downloadedMs' | 'predictedMs') => p.trials.map((t) => fmt(t[k] / 1000, 2)).join(', ');
    line(`${p.policy} (poll every ${p.pollIntervalS} s): downloaded after`, `${ms('downloadedMs')} s`);
    line(`${p.policy} (poll every ${p.pollIntervalS} s): first prediction after`, `${ms('predictedMs')} s`);
  }
}

/** Issue 4: live latency of 6 models, backfill throughput, and the MC CNN in onnxruntime vs PyTorch. */
async function modelsSection(): Promise<void> {
  const m = await benchModels();
  section(`Models: 6 active (${m.models.join(', ')})`);
  line('live: segment complete → 6 models stored + pushed, p50', `${fmt(m.latency.p50Ms, 0)} ms (${m.latency.segments} segments)`);
  line('live: p95 (goal < 1000 ms)', `${fmt(m.latency.p95Ms, 0)} ms (max ${fmt(m.latency.maxMs, 0)} ms)`);
  line('backfill: 1 h of cached audio, 6 models (goal ≥ 300×)', `${fmt(m.backfill.realTimeFactor, 0)}× real time (${fmt(m.backfill.wallSeconds, 1)} s)`);
  line('backfill: segments, predictions', `${m.backfill.segments}, ${m.backfill.predictions}`);
  if ('skipped' in m.torch) line('reference: PyTorch', m.torch.skipped);
  else {
    line(`MC CNN alone, ${m.torch.samples} segments × ${m.torch.passes} passes, onnxruntime`, `${fmt(m.torch.ortSeconds, 2)} s`);
    line('reference: same weights and features in PyTorch, 1 thread', `${fmt(m.torch.torchSeconds, 2)} s`);
    line('ratio: PyTorch time / onnxruntime time (> 1: faster here)', fmt(m.torch.ratio, 2));
  }
}

/** Issue 7: truth labels for a month with 500 vessels of AIS, and the Metrics page's computation for 30 days × 6 models. */
async function labelsSection(): Promise<void> {
  const days = Number(process.env.AIW_BENCH_LABEL_DAYS ?? 30);
  section(`Truth labels and metrics: ${days} days of 30 s segments (every 22.5 s), 500 vessels of AIS, 6 models`);
  const b = await benchLabelsAndMetrics(days, Number(process.env.AIW_BENCH_LABEL_VESSELS ?? 500));
  line('AIS positions (30 s reports), mean vessels within 150 km', `${b.positions}, ${fmt(b.meanVesselsInDisc)}`);
  line('segments labelled at 6 ranges', `${b.segments} in ${fmt(b.labelSeconds)} s (${fmt(b.segmentsPerSecond, 0)} segments/s)`);
  line('reference: one full read of the same AIS positions', `${fmt(b.referenceReadSeconds)} s`);
  line('ratio: labelling / reading the AIS once', fmt(b.labelSeconds / b.referenceReadSeconds, 2));
  line('labels + facts stored', `${fmt(b.labelDbBytes / 1e6)} MB`);
  line(`Metrics page request, ${b.predictions} predictions: first after start`, `${fmt(b.metricsColdMs, 0)} ms (the app warms this at start)`);
  line('Metrics page request, warm (goal: page < 200 ms)', `${fmt(b.metricsWarmMs, 0)} ms server-side, ${fmt(b.reportBytes / 1024, 0)} KB`);
  line('  after an hour of labels was recomputed', `${fmt(b.metricsIncrementalMs, 0)} ms`);
  line('every section for all 6 models (aiw export metrics), warm', `${fmt(b.metricsAllDetailsMs, 0)} ms`);
  const page = await benchMetricsPage(days);
  if (typeof page === 'string') {
    line('Metrics page in Chromium', `skipped: ${page}`);
    return;
  }
  for (const [label, value] of metricsPageLines(page)) line(label, value);
  line('  load average while measuring', os.loadavg().map((x) => fmt(x, 1)).join(' '));
}

/** Issue 8: opening a 24-hour session (server side of the review view's first screen), session file throughput. */
async function sessionsSection(): Promise<void> {
  const s = await benchSessions(Number(process.env.AIW_BENCH_SESSION_HOURS ?? 24));
  section(`Sessions: a ${s.hours}-hour session (${s.segments} segments, ${s.predictions} predictions of 6 models, labels at 6 ranges, 50 vessels of AIS)`);
  line('sessions:list (runs synced, counts and sizes)', `${fmt(s.listMs, 0)} ms`);
  line('review:timeline of the whole day', `${fmt(s.timelineMs, 0)} ms, ${fmt(s.timelineKB, 0)} KB`);
  line('spectrogram:tiles of the whole day at 1500 px', `${fmt(s.tilesMs, 0)} ms`);
  line('first screen, server side (goal: whole screen < 2 s)', `${fmt(s.firstScreenMs, 0)} ms`);
  line('reference: bare read of the day\'s predictions', `${fmt(s.bareReadMs, 0)} ms`);
  line('ratio: timeline / bare read', fmt(s.timelineMs / s.bareReadMs, 2));
  line(`export of 1 h with audio (${fmt(s.exportMB, 0)} MB .aiwsession)`, `${fmt(s.exportS, 2)} s (${fmt(s.exportMB / s.exportS, 0)} MB/s)`);
  line('import (verify every sha256, stage, merge)', `${fmt(s.importS, 2)} s (${fmt(s.exportMB / s.importS, 0)} MB/s)`);
  line('reference: plain copy of the same audio files', `${fmt(s.copyS, 2)} s`);
  line('ratio: export / copy, import / copy', `${fmt(s.exportS / s.copyS, 1)}, ${fmt(s.importS / s.copyS, 1)}`);
}

/** Issue 8: the review view with a 24-hour session in Chromium (bench/review-fps.ts; run alone: node bench/review-fps.ts). */
async function reviewSection(): Promise<void> {
  section('Review view: a 24-hour session in Chromium (software rendering); goals: first screen < 2 s, pan and zoom ≥ 50 fps');
  const reason = process.env.AIW_BENCH_REVIEW === '0' ? 'AIW_BENCH_REVIEW=0' : mapFpsUnavailableReason();
  if (reason) {
    line('skipped', `${reason}; run alone: node bench/review-fps.ts`);
    return;
  }
  const r = await benchReviewFps({ seconds: Number(process.env.AIW_BENCH_REVIEW_SECONDS ?? 10), hours: 24 });
  const fps = (x: FrameStats) => `avg ${fmt(x.fpsAvg)}, p95 ${fmt(x.fpsP95)} fps; ${x.longFrames} frames > 50 ms`;
  for (const [label, x] of [[`${r.hours} h session (${r.day.segments} segments)`, r.day], ['reference: 1 h range', r.reference]] as const) {
    line(`${label}: first screen`, `${fmt(x.firstScreenMs, 0)} ms`);
    line('  pan', fps(x.pan));
    line('  zoom', fps(x.zoom));
  }
  line('ratio: day / reference fps avg (pan, zoom)', `${fmt(r.day.pan.fpsAvg / r.reference.pan.fpsAvg, 2)}, ${fmt(r.day.zoom.fpsAvg / r.reference.zoom.fpsAvg, 2)}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

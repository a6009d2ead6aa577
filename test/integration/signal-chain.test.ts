/**
 * The acoustic signal chain end to end, through the real `aiw` command: every recording in
 * shared/data/audio and generated edge cases (24-bit 4-channel, float64, extensible, a 3-hour
 * file, truncated, bad header, zero-length, MP3-in-WAV, NaN-filled) through `aiw info`,
 * `aiw analyze` and `aiw features`; a tone lands in the right mel band of the .npy numpy reads;
 * gaps between consecutive files appear as gaps, not stalls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, ftruncateSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { encodeWav, type WavWriteOptions } from '../../src/main/audio/wav-writer.ts';
import { hzToMel } from '../../src/main/dsp/mel.ts';
import { sine } from '../../src/main/dsp/test-signals.ts';
import { runAiw } from '../helpers/run-aiw.ts';
import { tempDir } from '../helpers/serve-process.ts';

const DATA = process.env.AIW_SHARED_DATA ?? resolve(import.meta.dirname, '../../../shared/data/audio');
const realFiles = existsSync(DATA)
  ? readdirSync(DATA).flatMap((sub) =>
      existsSync(join(DATA, sub)) ? readdirSync(join(DATA, sub)).filter((f) => /\.(wav|flac)$/i.test(f)).map((f) => join(DATA, sub, f)) : [],
    )
  : [];
if (!realFiles.length) console.warn(`[signal-chain] ${DATA} has no recordings: real-data checks skipped`);
const SEED_MANIFEST = resolve(import.meta.dirname, '../fixtures/features/seed-log-mel.model.json');
const TINY_MODEL = resolve(import.meta.dirname, '../fixtures/models/tiny-logreg');
const hasNumpy = spawnSync('/usr/bin/python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
if (!hasNumpy) console.warn('[signal-chain] /usr/bin/python3 with numpy not found (apt install python3-numpy): numpy read-back skipped');

let dir: string;
const file = (name: string) => join(dir, name);
const write = (name: string, channels: Float32Array[], opts: WavWriteOptions) => writeFileSync(file(name), encodeWav(channels, opts));
const tone = (seconds: number, hz: number, fs = 8000) => sine(seconds * fs, hz, fs, 0.5);

/** A sparse WAV: a real header over `frames` frames of zeros that take no disk space. */
function sparseWav(name: string, channels: number, frames: number, sampleRate: number): void {
  const head = encodeWav(Array.from({ length: channels }, () => new Float32Array(1)), { sampleRate, encoding: 'pcm16', extensible: false });
  const dataAt = head.length - 2 * channels;
  head.writeUInt32LE(frames * 2 * channels, dataAt - 4);
  head.writeUInt32LE(dataAt - 8 + frames * 2 * channels, 4);
  const fd = openSync(file(name), 'w');
  writeSync(fd, head, 0, dataAt, 0);
  ftruncateSync(fd, dataAt + frames * 2 * channels);
  closeSync(fd);
}

const GOOD = ['pcm24-4ch_20240101T000000Z.wav', 'float64_20240101T000100Z.wav', 'ext16-2ch_20240101T000200Z.wav'];
const BAD: Record<string, RegExp> = {
  'truncated_20240101T000300Z.wav': /truncated: the header declares 320000 frames, the file holds 269999 .*\[AUDIO_TRUNCATED\]/,
  'badheader_20240101T000400Z.wav': /cut off by the end of the file \[AUDIO_TRUNCATED\]/,
  'empty_20240101T000500Z.wav': /the file is empty \(0 bytes\) \[AUDIO_TRUNCATED\]/,
  'mp3inwav_20240101T000600Z.wav': /MPEG Layer 3 \(MP3\) .* not supported.*\[AUDIO_UNSUPPORTED\]/,
  'nan_20240101T000700Z.wav': /non-finite sample \(NaN\) at frame 0, channel 0 \[AUDIO_UNREADABLE\]/,
};

beforeAll(() => {
  dir = tempDir('aiw-signal-');
  write(GOOD[0]!, [1000, 300, 500, 700].map((hz) => tone(40, hz)), { sampleRate: 8000, encoding: 'pcm24' });
  write(GOOD[1]!, [tone(35, 500)], { sampleRate: 8000, encoding: 'float64', fact: true });
  write(GOOD[2]!, [tone(31, 500, 16000), tone(31, 700, 16000)], { sampleRate: 16000, encoding: 'pcm16', extensible: true });
  const full = encodeWav([tone(40, 500)], { sampleRate: 8000, encoding: 'pcm16' });
  writeFileSync(file('truncated_20240101T000300Z.wav'), full.subarray(0, full.length - 100_001));
  writeFileSync(file('badheader_20240101T000400Z.wav'), Buffer.from('RIFF\x10\x00\x00\x00WAVEjunkjunkjunk', 'latin1'));
  writeFileSync(file('empty_20240101T000500Z.wav'), Buffer.alloc(0));
  const mp3 = encodeWav([tone(1, 500)], { sampleRate: 8000, encoding: 'pcm16' });
  mp3.writeUInt16LE(0x55, 20);
  mp3.writeUInt16LE(0, 34);
  writeFileSync(file('mp3inwav_20240101T000600Z.wav'), mp3);
  write('nan_20240101T000700Z.wav', [new Float32Array(8000 * 31).fill(Number.NaN)], { sampleRate: 8000, encoding: 'float32' });
  sparseWav('threehour_20240101T010000Z.wav', 1, 3 * 3600 * 8000, 8000);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('aiw info', () => {
  it.skipIf(!realFiles.length)('describes every recording in shared/data/audio', () => {
    const r = runAiw(['info', '--json', ...realFiles]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const infos = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(infos.map((i) => i.path)).toEqual(realFiles);
    for (const i of infos) {
      expect(i).toMatchObject({ truncated: false, startTimeSource: expect.stringMatching(/file name|modification time/) });
      expect(i.durationS as number).toBeGreaterThan(4.9);
      expect(new Date(i.startTime as string).toISOString()).toBe(i.startTime);
    }
    const sanct = infos.find((i) => String(i.path).includes('SanctSound_CI05_03_largeship_20190925T135956Z'));
    expect(sanct).toMatchObject({ codec: 'pcm', bitsPerSample: 16, channels: 1, sampleRate: 48000, startTime: '2019-09-25T13:59:56.000Z', startTimeSource: 'file name' });
  });

  it('reads the edge cases and names what is wrong with each bad file', () => {
    const r = runAiw(['info', '--json', ...[...GOOD, 'threehour_20240101T010000Z.wav', ...Object.keys(BAD)].map(file)]);
    expect(r.code, r.stderr).toBe(1);
    const infos = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(infos[0]).toMatchObject({ bitsPerSample: 24, channels: 4, extensible: true, sampleRate: 8000, durationS: 40, startTime: '2024-01-01T00:00:00.000Z' });
    expect(infos[1]).toMatchObject({ codec: 'float', bitsPerSample: 64, channels: 1, durationS: 35 });
    expect(infos[2]).toMatchObject({ extensible: true, bitsPerSample: 16, channels: 2, sampleRate: 16000 });
    expect(infos[3]).toMatchObject({ durationS: 10_800, frames: 86_400_000, startTime: '2024-01-01T01:00:00.000Z' });
    expect(infos[4]).toMatchObject({ truncated: true, declaredFrames: 320_000, frames: 269_999 });
    for (const [name, reason] of Object.entries(BAD)) {
      if (name.startsWith('nan')) continue; // the header is fine: NaNs show when the samples are read
      expect(r.stderr).toMatch(new RegExp(`aiw info: ${file(name).replaceAll('.', '\\.')}: .*${reason.source}`));
    }
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--scan finds the NaN file (which the header alone does not show) and measures levels per channel', () => {
    const nan = file('nan_20240101T000700Z.wav');
    const json = runAiw(['info', '--json', '--scan', file(GOOD[0]!), nan]);
    expect(json.code).toBe(1);
    const [good, bad] = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { scan: { nonFinite: number; channels: { peakDbfs: number | null; rmsDbfs: number | null; nonFinite: number }[] } });
    expect(good!.scan.nonFinite).toBe(0);
    for (const c of good!.scan.channels) {
      expect(c.peakDbfs).toBeCloseTo(-6.02, 1); // tones at half scale
      expect(c.rmsDbfs).toBeCloseTo(-9.03, 1);
    }
    expect(bad!.scan).toMatchObject({ nonFinite: 8000 * 31, channels: [{ nonFinite: 8000 * 31, peakDbfs: null, rmsDbfs: null }] });
    expect(json.stderr).toMatch(/nan_20240101T000700Z\.wav: 248000 non-finite samples \(NaN\/Inf\).*\[AUDIO_UNREADABLE\]/);
    const text = runAiw(['info', '--scan', file(GOOD[2]!)]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/scanned: +496000 frames, all samples finite/);
    expect(text.stdout).toMatch(/ch 1 +peak +-6\.02 dBFS +RMS +-9\.03 dBFS +non-finite 0/);
  });
});

describe('aiw analyze', () => {
  it('analyses the good files (real and generated), lists every bad one as failed and goes on', () => {
    const inputs = [...realFiles, ...Object.keys(BAD).map(file), ...GOOD.map(file)];
    const r = runAiw(['analyze', ...inputs, '--model', TINY_MODEL, '--format', 'jsonl', '--data-dir', tempDir()]);
    expect(r.code).toBe(1);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; segment_start: string; padded: boolean });
    const analysed = new Set(rows.map((row) => row.file));
    for (const good of [...realFiles, ...GOOD.map(file)]) expect(analysed.has(good), good).toBe(true);
    for (const [name, reason] of Object.entries(BAD)) expect(r.stderr).toMatch(new RegExp(`${name.replaceAll('.', '\\.')}: FAILED: .*${reason.source}`));
    // The truncated file still yields the segment its complete frames hold, and says so by failing.
    expect(rows.filter((row) => row.file === file('truncated_20240101T000300Z.wav'))).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`${Object.keys(BAD).length} of ${inputs.length} file\\(s\\) failed`));
  }, 60_000);

  it('streams a 3-hour recording in 10-minute windows', () => {
    // The fixture model's pooled input, in 10-min windows at 1 kHz so the test stays fast on 2 cores.
    const pkg = join(dir, 'tiny-600s');
    cpSync(TINY_MODEL, pkg, { recursive: true });
    type Input = { segmentSeconds: number; sampleRate: number; feature: { mel: { fMax: number } } };
    const manifest = JSON.parse(readFileSync(join(pkg, 'model.json'), 'utf8')) as { input: Input };
    Object.assign(manifest.input, { segmentSeconds: 600, sampleRate: 1000 });
    manifest.input.feature.mel.fMax = 480;
    writeFileSync(join(pkg, 'model.json'), JSON.stringify(manifest));
    const r = runAiw(['analyze', file('threehour_20240101T010000Z.wav'), '--model', pkg, '--data-dir', tempDir()]);
    expect(r.stderr).toMatch(/threehour_20240101T010000Z\.wav: 18 segment\(s\)/);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(19);
    expect(lines[18]).toMatch(/,2024-01-01T03:50:00\.000Z,2024-01-01T04:00:00\.000Z,false,/);
  }, 60_000);
});

/** Reads a float32 .npy written by `aiw features` (header parsed here, independently of the writer). */
function readNpy(path: string): { shape: number[]; data: Float32Array } {
  const buf = readFileSync(path);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]));
  const len = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + len);
  expect((10 + len) % 64).toBe(0);
  expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \([\d, ]+\), \} *\n$/);
  const shape = /\(([\d, ]+)\)/.exec(header)![1]!.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const bytes = buf.subarray(10 + len);
  return { shape, data: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)) };
}

/** Index of the HTK mel band (TF linear_to_mel_weight_matrix) whose centre is nearest `hz`. */
function melBandOf(hz: number, nMels: number, fMin: number, fMax: number): number {
  const step = (hzToMel(fMax, 'htk') - hzToMel(fMin, 'htk')) / (nMels + 1);
  return Math.round((hzToMel(hz, 'htk') - hzToMel(fMin, 'htk')) / step) - 1;
}

describe('aiw features', () => {
  it('writes the seed feature of each segment; a 1 kHz tone lands in its mel band (read back by numpy)', () => {
    const out = file('seed.npy');
    const r = runAiw(['features', file(GOOD[0]!), '--manifest', SEED_MANIFEST, '--out', out]);
    expect(r.stderr).toMatch(/wrote 1 segment\(s\) × \[160, 128, 1\]/);
    expect(r.code).toBe(0);
    const { shape, data } = readNpy(out);
    expect(shape).toEqual([1, 160, 128, 1]);
    const band = melBandOf(1000, 128, 10, 2000);
    const row = Array.from(data.subarray(80 * 128, 81 * 128));
    expect(row.indexOf(Math.max(...row))).toBe(band);
    expect(readFileSync(file('seed.segments.csv'), 'utf8')).toBe(
      `row,file,segment_start,segment_end,padded\n0,${file(GOOD[0]!)},2024-01-01T00:00:00.000Z,2024-01-01T00:00:30.000Z,false\n`,
    );
    if (!hasNumpy) return;
    const py = spawnSync('/usr/bin/python3', ['-c', `import numpy as np; a = np.load(${JSON.stringify(out)}); print(a.dtype, a.shape, int(a[0].mean(axis=0)[:, 0].argmax()), float(a[0, 80, ${band}, 0]))`], { encoding: 'utf8' });
    expect(py.stderr).toBe('');
    const m = /^(\w+) (\(.*\)) (\d+) (\S+)$/.exec(py.stdout.trim());
    expect(m?.slice(1, 4)).toEqual(['float32', '(1, 160, 128, 1)', String(band)]);
    expect(Number(m![4])).toBeCloseTo(data[80 * 128 + band]!, 5);
  });

  it('--continuous: windows cross file boundaries, a gap is a gap (not a stall), an overlap is skipped', () => {
    const t = (name: string, startS: number) => `${name}_20240102T${String(Math.floor(startS / 3600)).padStart(2, '0')}${String(Math.floor((startS % 3600) / 60)).padStart(2, '0')}${String(startS % 60).padStart(2, '0')}Z.wav`;
    const parts = [t('a', 0), t('b', 40), t('c', 200), t('d', 235)];
    [40, 40, 40, 40].forEach((s, i) => write(parts[i]!, [tone(s, 400 + 100 * i)], { sampleRate: 8000, encoding: 'pcm16' }));
    const out = file('stream.npy');
    const r = runAiw(['features', ...[...parts].reverse().map(file), '--continuous', '--manifest', SEED_MANIFEST, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/gap in the stream before c_20240102T000320Z\.wav: 2024-01-02T00:01:20\.000Z → 2024-01-02T00:03:20\.000Z \(120\.000 s\)/);
    expect(r.stderr).toMatch(/d_20240102T000355Z\.wav overlaps the previous file by .*\(5\.000 s\): the overlap is skipped/);
    const starts = readFileSync(file('stream.segments.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[2]!.slice(11, 19));
    // a+b: 0–80 s continuous → windows at 0, 22.5 (crosses the a/b boundary at 40 s) and 45; c+d: 200–275 s.
    expect(starts).toEqual(['00:00:00', '00:00:22', '00:00:45', '00:03:20', '00:03:42', '00:04:05']);
    expect(readNpy(out).shape).toEqual([6, 160, 128, 1]);
  });

  it('refuses a bad manifest or missing options with exit code 2', () => {
    expect(runAiw(['features', file(GOOD[0]!), '--out', file('x.npy')])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--manifest is required/) });
    const bad = file('bad.model.json');
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(SEED_MANIFEST, 'utf8')), input: { ...JSON.parse(readFileSync(SEED_MANIFEST, 'utf8')).input, shape: [161, 128, 1] } }));
    const r = runAiw(['features', file(GOOD[0]!), '--manifest', bad, '--out', file('x.npy')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/feature gives \[160, 128, 1\] per segment but input\.shape is \[161, 128, 1\] \[CONFIG_INVALID\]/);
  });
});

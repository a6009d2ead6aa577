import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import wavefile from 'wavefile';
import { probeAudio, readAudioAll, readAudioBlocks } from './audio-file.ts';
import { encodeWav } from './wav-writer.ts';
import type { AppError } from '../../shared/errors.ts';

const FIXTURES = resolve(import.meta.dirname, '../../../test/fixtures/audio');
const DATA = process.env.AIW_SHARED_DATA ?? resolve(import.meta.dirname, '../../../../shared/data/audio');
const hasData = existsSync(DATA);
if (!hasData) console.warn(`[audio-file.test] ${DATA} absent: real-recording tests skipped`);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audio-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The signal the FLAC fixtures were encoded from (see test/fixtures/audio/README.md). */
function fixtureSignal(channel: number): Float32Array {
  const start = [1, -1, 0.5, -0.25];
  return Float32Array.from({ length: 1000 }, (_, i) =>
    i < 4 ? start[i] : 0.8 * Math.sin(i * (0.05 + channel * 0.031)) * Math.sin(i * 0.003),
  );
}

describe('FLAC', () => {
  it('decodes a 24-bit 3-channel fixture to exactly the WAV reader values', async () => {
    const flac = await readAudioAll(join(FIXTURES, 'sine24-3ch.flac'));
    expect(flac.info).toMatchObject({ container: 'flac', bitsPerSample: 24, channels: 3, sampleRate: 8000, frames: 1000 });
    const wavPath = join(dir, 'same24.wav');
    await writeFile(wavPath, encodeWav([0, 1, 2].map(fixtureSignal), { sampleRate: 8000, encoding: 'pcm24' }));
    const wav = await readAudioAll(wavPath);
    for (let c = 0; c < 3; c++) expect(Array.from(flac.channels[c])).toEqual(Array.from(wav.channels[c]));
    expect(Array.from(flac.channels[0].subarray(0, 4))).toEqual([1 - 2 ** -23, -1, 0.5, -0.25]);
  });

  it('decodes 8-bit mono and honours a frame range', async () => {
    const all = await readAudioAll(join(FIXTURES, 'sine8-mono.flac'));
    expect(all.channels[0][1]).toBe(-1);
    const parts: Float32Array[] = [];
    for await (const b of readAudioBlocks(join(FIXTURES, 'sine8-mono.flac'), { startFrame: 100, endFrame: 350, blockFrames: 100 })) {
      parts.push(b[0]);
    }
    expect(parts.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(Array.from(parts[2])).toEqual(Array.from(all.channels[0].subarray(300, 350)));
  });

  it('reports a cut-off FLAC as truncated when reading', async () => {
    const path = join(dir, 'cut.flac');
    await writeFile(path, readFileSync(join(FIXTURES, 'sine24-3ch.flac')).subarray(0, 2000));
    const err = (await readAudioAll(path).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe('AUDIO_TRUNCATED');
    expect(err.message).toMatch(/cut\.flac: decoded \d+ of 1000 frames/);
  });
});

describe('dispatch by content', () => {
  it('reads a WAV named .flac and rejects Ogg and unknown content', async () => {
    const path = join(dir, 'misnamed.flac');
    await writeFile(path, encodeWav([new Float32Array([0.5, -0.5])], { sampleRate: 8000, encoding: 'pcm16' }));
    expect((await probeAudio(path)).container).toBe('wav');
    await writeFile(join(dir, 'x.ogg'), Buffer.from('OggS\0\0\0\0\0\0\0\0\0'));
    await expect(probeAudio(join(dir, 'x.ogg'))).rejects.toMatchObject({ code: 'AUDIO_UNSUPPORTED' });
    await writeFile(join(dir, 'x.mp3'), Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0]));
    await expect(probeAudio(join(dir, 'x.mp3'))).rejects.toMatchObject({ code: 'AUDIO_UNSUPPORTED', message: expect.stringMatching(/x\.mp3: MP3 audio is not supported/) });
    await writeFile(join(dir, 'x.aif'), Buffer.from('FORM\0\0\0\x10AIFFCOMM', 'latin1'));
    await expect(probeAudio(join(dir, 'x.aif'))).rejects.toMatchObject({ code: 'AUDIO_UNSUPPORTED', message: expect.stringMatching(/AIFF audio/) });
    await writeFile(join(dir, 'x.bin'), Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    await expect(probeAudio(join(dir, 'x.bin'))).rejects.toMatchObject({ code: 'AUDIO_UNREADABLE', message: expect.stringMatching(/not a WAV or FLAC file \(unrecognised header\)/) });
    await writeFile(join(dir, 'labels.csv'), 'file,label\nTanker_35.wav,tanker\n');
    await expect(probeAudio(join(dir, 'labels.csv'))).rejects.toMatchObject({ code: 'AUDIO_UNREADABLE', message: expect.stringMatching(/not a WAV or FLAC file \(it begins with text: "file,label\\nT"\)/) });
    const wav = encodeWav([new Float32Array([0.5, -0.5])], { sampleRate: 8000, encoding: 'pcm16' });
    wav.write('RIFX', 0, 'latin1');
    await writeFile(join(dir, 'x.wav'), wav);
    await expect(probeAudio(join(dir, 'x.wav'))).rejects.toMatchObject({ code: 'AUDIO_UNSUPPORTED', message: expect.stringMatching(/big-endian WAV \(RIFX\) is not supported/) });
  });
});

describe.skipIf(!hasData)('real recordings in shared/data/audio', () => {
  const files = (sub: string, ext: string) =>
    existsSync(join(DATA, sub)) ? readdirSync(join(DATA, sub)).filter((f) => f.endsWith(ext)).map((f) => join(DATA, sub, f)) : [];

  it('SanctSound clips: int16 mono 48 kHz, identical to wavefile', async () => {
    const paths = files('sanctsound', '.wav');
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const { info, channels } = await readAudioAll(path);
      expect(info).toMatchObject({ container: 'wav', codec: 'pcm', bitsPerSample: 16, channels: 1, sampleRate: 48000, truncated: false });
      expect(info.durationS).toBeGreaterThan(4.9);
      const ref = new wavefile.WaveFile(readFileSync(path)).getSamples(false, Float64Array) as unknown as Float64Array;
      expect(channels[0].length).toBe(ref.length);
      for (let i = 0; i < ref.length; i += 997) expect(channels[0][i]).toBe(Math.fround(ref[i] / 32768));
    }
  });

  it('DeepShip: float32 with fact chunk, large DC offset', async () => {
    const paths = files('deepship', '.wav');
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const { info, channels } = await readAudioAll(path);
      expect(info).toMatchObject({ codec: 'float', bitsPerSample: 32, channels: 1, sampleRate: 32000 });
      expect(Number.isInteger(info.durationS)).toBe(true);
      const mean = channels[0].reduce((a, b) => a + b, 0) / channels[0].length;
      expect(mean).toBeGreaterThan(0.02); // ~+0.0296 FS per SOURCE.txt
      expect(mean).toBeLessThan(0.04);
    }
  });

  it('Orcasound ambient: int16 stereo 48 kHz, 10.005 s', async () => {
    for (const path of files('orcasound-ambient', '.wav')) {
      const info = await probeAudio(path);
      expect(info).toMatchObject({ channels: 2, sampleRate: 48000, bitsPerSample: 16 });
      expect(info.durationS).toBeCloseTo(10.005, 2);
      let blocks = 0;
      for await (const b of readAudioBlocks(path, { blockFrames: 48000 })) blocks += b.length === 2 ? 1 : 0;
      expect(blocks).toBe(11);
    }
  });

  it('Orcasound FLAC: 59.44 s stereo 22.05 kHz 16-bit, known samples', async () => {
    const paths = files('orcasound-orca-noise', '.flac');
    if (paths.length === 0) return console.warn('[audio-file.test] no Orcasound FLAC: skipped');
    const { info, channels } = await readAudioAll(paths[0]);
    expect(info).toMatchObject({ container: 'flac', channels: 2, sampleRate: 22050, bitsPerSample: 16, frames: 1310720 });
    // Values checked against the reference `flac -d` decoder.
    expect([channels[0][0], channels[1][0], channels[0][123456], channels[1][1310719]].map((v) => v * 32768)).toEqual([
      -517, 47, -172, -3,
    ]);
  });
});

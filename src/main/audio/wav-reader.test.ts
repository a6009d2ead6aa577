import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { probeWav, readWavAll, readWavBlocks } from './wav-reader.ts';
import { encodeWav, writeWav, type WavEncoding } from './wav-writer.ts';
import type { AppError } from '../../shared/errors.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wav-reader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Deterministic test signal in [-0.9, 0.9], different per channel. */
function signal(channels: number, frames: number): Float32Array[] {
  return Array.from({ length: channels }, (_, c) =>
    Float32Array.from({ length: frames }, (_, i) => 0.9 * Math.sin((i + 1) * (0.01 + 0.013 * c)) * Math.cos(i * 0.0007)),
  );
}

const STEP: Record<WavEncoding, number> = {
  pcm8: 1 / 128,
  pcm16: 1 / 32768,
  pcm24: 1 / 8388608,
  pcm32: 1e-7, // float32 output resolution dominates
  float32: 0,
  float64: 1e-7,
};

async function expectCode(p: Promise<unknown>, code: string, text: RegExp): Promise<void> {
  const err = (await p.then(() => undefined, (e: unknown) => e)) as AppError | undefined;
  expect(err?.code).toBe(code);
  expect(err?.message).toMatch(text);
}

describe('readWavAll round trips', () => {
  const cases: { encoding: WavEncoding; extensible?: boolean; rf64?: boolean; fact?: boolean; channels: number }[] = [
    { encoding: 'pcm8', channels: 1 },
    { encoding: 'pcm16', channels: 2 },
    { encoding: 'pcm24', channels: 4, extensible: false },
    { encoding: 'pcm32', channels: 3 },
    { encoding: 'float32', channels: 1, fact: true },
    { encoding: 'float64', channels: 2, fact: true },
    { encoding: 'pcm24', channels: 6, extensible: true },
    { encoding: 'float32', channels: 16, extensible: true },
    { encoding: 'pcm16', channels: 4, rf64: true, extensible: false },
    { encoding: 'float64', channels: 1, rf64: true, extensible: true },
  ];
  it.each(cases)('$encoding ×$channels ext=$extensible rf64=$rf64', async (c) => {
    const path = join(dir, `rt-${c.encoding}-${c.channels}-${c.extensible}-${c.rf64}.wav`);
    const sig = signal(c.channels, 1001);
    await writeWav(path, sig, { sampleRate: 8000, ...c });
    const { info, channels } = await readWavAll(path);
    expect(info).toMatchObject({
      container: c.rf64 ? 'rf64' : 'wav',
      codec: c.encoding.startsWith('float') ? 'float' : 'pcm',
      channels: c.channels,
      sampleRate: 8000,
      frames: 1001,
      truncated: false,
    });
    expect(info.durationS).toBeCloseTo(1001 / 8000, 12);
    const defaultExtensible = c.channels > 2 || (!c.encoding.startsWith('float') && c.encoding !== 'pcm8' && c.encoding !== 'pcm16');
    expect(info.extensible).toBe(c.extensible ?? defaultExtensible);
    for (let ch = 0; ch < c.channels; ch++) {
      let maxErr = 0;
      for (let i = 0; i < 1001; i++) maxErr = Math.max(maxErr, Math.abs(channels[ch][i] - sig[ch][i]));
      expect(maxErr).toBeLessThanOrEqual(STEP[c.encoding] / 2 + 1e-9);
    }
  });

  it('agrees bit-for-bit with wavefile (oracle) for 24-bit 4-channel', async () => {
    const path = join(dir, 'oracle24.wav');
    await writeWav(path, signal(4, 3000), { sampleRate: 8000, encoding: 'pcm24' });
    const wf = new wavefile.WaveFile(await import('node:fs').then((fs) => fs.readFileSync(path)));
    const ref = wf.getSamples(false, Float64Array) as unknown as Float64Array[];
    const { channels } = await readWavAll(path);
    for (let c = 0; c < 4; c++) {
      for (let i = 0; i < 3000; i += 7) expect(channels[c][i]).toBe(Math.fround(ref[c][i] / 8388608));
    }
  });

  it('skips unknown and odd-sized chunks (pad byte) before data', async () => {
    const path = join(dir, 'chunks.wav');
    const sig = signal(2, 50);
    const extraChunks = [
      { id: 'LIST', body: new Uint8Array(7).fill(65) },
      { id: 'junk', body: new Uint8Array(3) },
    ];
    await writeWav(path, sig, { sampleRate: 48000, encoding: 'float32', extraChunks });
    const { info, channels } = await readWavAll(path);
    expect(info.dataOffset).toBe(12 + (8 + 18) + (8 + 8) + (8 + 4) + 8);
    expect(Array.from(channels[1])).toEqual(Array.from(sig[1]));
  });
});

describe('readWavBlocks', () => {
  it('yields fixed-size blocks over a frame range', async () => {
    const path = join(dir, 'blocks.wav');
    const sig = signal(3, 10000);
    await writeWav(path, sig, { sampleRate: 8000, encoding: 'float32' });
    const sizes: number[] = [];
    const got: number[] = [];
    for await (const block of readWavBlocks(path, { blockFrames: 1024, startFrame: 500, endFrame: 4000 })) {
      expect(block).toHaveLength(3);
      sizes.push(block[0].length);
      got.push(...block[2]);
    }
    expect(sizes).toEqual([1024, 1024, 1024, 428]);
    expect(got).toEqual(Array.from(sig[2].subarray(500, 4000)));
  });

  it('stops cleanly when the consumer breaks early', async () => {
    const path = join(dir, 'early.wav');
    await writeWav(path, signal(1, 5000), { sampleRate: 8000, encoding: 'pcm16' });
    let n = 0;
    for await (const _ of readWavBlocks(path, { blockFrames: 100 })) if (++n === 2) break;
    expect(n).toBe(2);
  });

  it('reads beyond 4 GiB in a sparse RF64 file without loading it', async () => {
    const path = join(dir, 'big.wav');
    const frames = 2_700_000_000; // 5.4 GB of 16-bit mono
    const head = encodeWav([new Float32Array(1)], { sampleRate: 8000, encoding: 'pcm16', rf64: true });
    head.writeBigUInt64LE(BigInt(frames * 2), 12 + 8 + 8); // ds64 data size
    const dataOffset = head.length - 2;
    const fh = await open(path, 'w');
    await fh.write(head.subarray(0, dataOffset), 0, dataOffset, 0);
    const tail = Buffer.alloc(4);
    tail.writeInt16LE(16384, 0);
    tail.writeInt16LE(-32768, 2);
    await fh.write(tail, 0, 4, dataOffset + (frames - 2) * 2);
    await fh.close();
    const info = await probeWav(path);
    expect(info).toMatchObject({ container: 'rf64', frames, truncated: false, dataBytes: frames * 2 });
    const blocks: Float32Array[][] = [];
    for await (const b of readWavBlocks(path, { startFrame: frames - 3 })) blocks.push(b);
    expect(Array.from(blocks[0][0])).toEqual([0, 0.5, -1]);
  });
});

describe('damaged and unsupported files', () => {
  it('flags a cut-off data chunk as truncated and reads the whole frames present', async () => {
    const full = encodeWav(signal(2, 100), { sampleRate: 8000, encoding: 'pcm16' });
    const path = join(dir, 'cut.wav');
    await writeFile(path, full.subarray(0, full.length - 41)); // 41 bytes = 10.25 frames
    const { info, channels } = await readWavAll(path);
    expect(info.truncated).toBe(true);
    expect(info.frames).toBe(89);
    expect(channels[0]).toHaveLength(89);
  });

  it('rejects an empty file, an empty data chunk and a header-only file', async () => {
    await writeFile(join(dir, 'empty.wav'), Buffer.alloc(0));
    await expectCode(probeWav(join(dir, 'empty.wav')), 'AUDIO_TRUNCATED', /empty\.wav: the file is empty/);
    const zeroData = encodeWav([new Float32Array(0)], { sampleRate: 8000, encoding: 'pcm16' });
    await writeFile(join(dir, 'zero.wav'), zeroData);
    await expectCode(probeWav(join(dir, 'zero.wav')), 'AUDIO_TRUNCATED', /data chunk is empty/);
    await writeFile(join(dir, 'hdr30.wav'), zeroData.subarray(0, 30));
    await expectCode(probeWav(join(dir, 'hdr30.wav')), 'AUDIO_TRUNCATED', /"fmt " chunk is cut off/);
    await writeFile(join(dir, 'hdr36.wav'), zeroData.subarray(0, 36));
    await expectCode(probeWav(join(dir, 'hdr36.wav')), 'AUDIO_TRUNCATED', /no data chunk before the end/);
  });

  it('rejects bad headers and unsupported formats with a clear message', async () => {
    await writeFile(join(dir, 'text.wav'), 'hello, this is not audio at all');
    await expectCode(probeWav(join(dir, 'text.wav')), 'AUDIO_UNREADABLE', /text\.wav: not a WAV file/);
    const adpcm = encodeWav(signal(1, 10), { sampleRate: 8000, encoding: 'pcm16' });
    adpcm.writeUInt16LE(2, 20); // MS ADPCM format tag
    await writeFile(join(dir, 'adpcm.wav'), adpcm);
    await expectCode(probeWav(join(dir, 'adpcm.wav')), 'AUDIO_UNSUPPORTED', /Microsoft ADPCM \(format tag 2 = 0x0002\) with 16 bits/);
    const mp3 = Buffer.from(adpcm);
    mp3.writeUInt16LE(0x55, 20);
    mp3.writeUInt16LE(0, 34);
    await writeFile(join(dir, 'mp3.wav'), mp3);
    await expectCode(probeWav(join(dir, 'mp3.wav')), 'AUDIO_UNSUPPORTED', /MPEG Layer 3 \(MP3\) .*0x0055.*convert to PCM WAV or FLAC/);
    const ch17 = encodeWav(signal(1, 10), { sampleRate: 8000, encoding: 'pcm16' });
    ch17.writeUInt16LE(17, 22);
    await writeFile(join(dir, 'ch17.wav'), ch17);
    await expectCode(probeWav(join(dir, 'ch17.wav')), 'AUDIO_UNSUPPORTED', /17 channels/);
    await expectCode(probeWav(join(dir, 'missing.wav')), 'AUDIO_UNREADABLE', /missing\.wav: cannot open/);
  });

  it('throws on NaN samples by default and zeroes/counts them on request', async () => {
    const sig = signal(2, 20);
    sig[1][13] = Number.NaN;
    sig[0][3] = Number.POSITIVE_INFINITY;
    const path = join(dir, 'nan.wav');
    await writeWav(path, sig, { sampleRate: 8000, encoding: 'float32' });
    await expectCode(readWavAll(path), 'AUDIO_UNREADABLE', /non-finite sample \(Infinity\) at frame 3, channel 0/);
    const stats = { nonFinite: 0 };
    const { channels } = await readWavAll(path, { nonFinite: 'zero', stats });
    expect(stats.nonFinite).toBe(2);
    expect(channels[1][13]).toBe(0);
  });
});

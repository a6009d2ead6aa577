import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudioAll } from '../audio/audio-file.ts';
import { AudioCacheWriter, cacheFileName, type CachedFile } from './audio-cache-writer.ts';

const RATE = 8000;
const T0 = Date.UTC(2025, 0, 2, 3, 4, 5);
function block(second: number, channels = 2, startTime = T0 + second * 1000) {
  return {
    startTime, sampleRate: RATE,
    channels: Array.from({ length: channels }, (_, c) => Float32Array.from({ length: RATE }, (_, i) => 0.5 * Math.sin((i + second * RATE) / (10 + c)))),
  };
}

describe('AudioCacheWriter', () => {
  it('writes consecutive WAV files of fileSeconds that read back as the same audio', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiw-cache-'));
    const files: CachedFile[] = [];
    const writer = new AudioCacheWriter({ dir, stationId: 'demo', fileSeconds: 3, onFile: (f) => files.push(f) });
    for (let s = 0; s < 7; s++) writer.push(block(s));
    expect(files).toHaveLength(2); // the third is still open
    writer.close();
    expect(files.map((f) => [f.startTime - T0, f.durationMs, f.channels])).toEqual([[0, 3000, 2], [3000, 3000, 2], [6000, 1000, 2]]);
    expect(files[0]!.name).toBe(cacheFileName('demo', T0));
    expect(files[0]!.name).toBe('demo-20250102T030405Z.wav');
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.name).sort());
    const audio = await readAudioAll(files[1]!.path);
    expect(audio.info).toMatchObject({ sampleRate: RATE, channels: 2, frames: 3 * RATE });
    const expected = block(4).channels[1]!;
    for (let i = 0; i < RATE; i += 997) expect(audio.channels[1]![RATE + i]).toBeCloseTo(expected[i]!, 4);
  });

  it('starts a new file after a gap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiw-cache-'));
    const files: CachedFile[] = [];
    const writer = new AudioCacheWriter({ dir, stationId: 's', fileSeconds: 600, onFile: (f) => files.push(f) });
    writer.push(block(0));
    writer.push(block(1));
    writer.push(block(5));
    writer.close();
    expect(files.map((f) => [f.startTime - T0, f.durationMs])).toEqual([[0, 2000], [5000, 1000]]);
  });
});

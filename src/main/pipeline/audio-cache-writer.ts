/**
 * Writes a station's live audio into the cache as consecutive WAV files (16-bit PCM, every channel)
 * of `fileSeconds` each, so past audio can be re-analysed (backfill) and reviewed. Runs in the
 * station worker: blocks are appended as they come and the header's sizes are patched when a file
 * is closed; only closed files are reported (a half-written file is never registered).
 * A gap or a sample-rate change closes the current file and starts a new one.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSamples, encodeWav } from '../audio/wav-writer.ts';
import type { AudioBlock } from './segmenter.ts';

/** A finished cache file. */
export interface CachedFile {
  readonly name: string;
  readonly path: string;
  readonly startTime: number;
  readonly durationMs: number;
  readonly sampleRate: number;
  readonly channels: number;
  readonly bytes: number;
}

export interface AudioCacheOptions {
  readonly dir: string;
  readonly stationId: string;
  readonly fileSeconds: number;
  readonly onFile: (file: CachedFile) => void;
}

interface OpenFile {
  fd: number;
  name: string;
  path: string;
  startTime: number;
  sampleRate: number;
  channels: number;
  frames: number;
  dataBytes: number;
  headerBytes: number;
}

const GAP_TOLERANCE_MS = 50;

/** demo-20250101T120000Z.wav (UTC start, second resolution). */
export function cacheFileName(stationId: string, startTime: number): string {
  return `${stationId}-${new Date(startTime).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.wav`;
}

export class AudioCacheWriter {
  readonly #o: AudioCacheOptions;
  #file: OpenFile | undefined;

  constructor(options: AudioCacheOptions) {
    this.#o = options;
    mkdirSync(options.dir, { recursive: true });
  }

  push(block: AudioBlock): void {
    const frames = block.channels[0]?.length ?? 0;
    if (frames === 0) return;
    let file = this.#file;
    if (file && !this.#continues(file, block)) file = this.#close();
    file ??= this.#open(block);
    const data = encodeSamples(block.channels as Float32Array[], 'pcm16');
    writeSync(file.fd, data);
    file.frames += frames;
    file.dataBytes += data.length;
    if (file.frames >= this.#o.fileSeconds * file.sampleRate) this.#close();
  }

  /** Finishes the open file (on stop); reports it. */
  close(): void {
    this.#close();
  }

  #continues(file: OpenFile, block: AudioBlock): boolean {
    const expected = file.startTime + (file.frames * 1000) / file.sampleRate;
    return block.sampleRate === file.sampleRate && block.channels.length === file.channels &&
      Math.abs(block.startTime - expected) <= GAP_TOLERANCE_MS;
  }

  #open(block: AudioBlock): OpenFile {
    const name = cacheFileName(this.#o.stationId, block.startTime);
    const path = join(this.#o.dir, name);
    const header = encodeWav(block.channels.map(() => new Float32Array(0)), { sampleRate: block.sampleRate, encoding: 'pcm16' });
    const fd = openSync(path, 'w');
    writeSync(fd, header);
    this.#file = {
      fd, name, path, startTime: block.startTime, sampleRate: block.sampleRate, channels: block.channels.length,
      frames: 0, dataBytes: 0, headerBytes: header.length,
    };
    return this.#file;
  }

  /** Patches the RIFF and data sizes (the data chunk is the header's last), closes and reports the file. */
  #close(): undefined {
    const file = this.#file;
    this.#file = undefined;
    if (!file) return undefined;
    const size = Buffer.alloc(4);
    size.writeUInt32LE(file.headerBytes - 8 + file.dataBytes, 0);
    writeSync(file.fd, size, 0, 4, 4);
    size.writeUInt32LE(file.dataBytes, 0);
    writeSync(file.fd, size, 0, 4, file.headerBytes - 4);
    closeSync(file.fd);
    if (file.frames === 0) return undefined;
    this.#o.onFile({
      name: file.name, path: file.path, startTime: file.startTime, durationMs: (file.frames * 1000) / file.sampleRate,
      sampleRate: file.sampleRate, channels: file.channels, bytes: file.headerBytes + file.dataBytes,
    });
    return undefined;
  }
}

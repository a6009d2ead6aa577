/**
 * Memory benchmark (`npm run bench`): peak resident memory, above the baseline of a fresh
 * process, while a 3-hour 4-channel 8 kHz recording (1.4 GB would not fit a naive reader's
 * budget) streams through read → segmentation → seed features. Runs in a child process so the
 * figure is not polluted by the benchmark harness. Goal: under 200 MB above baseline.
 */
import { spawn } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from './wav-writer.ts';

export interface MemoryBenchResult {
  hours: number;
  fileMB: number;
  baselineMB: number;
  peakAboveBaselineMB: number;
  segments: number;
}

/** A WAV of `hours` of 4-channel 16-bit 8 kHz silence whose data takes no disk space (sparse). */
function sparseWav(path: string, hours: number): number {
  const channels = 4;
  const frames = hours * 3600 * 8000;
  const head = encodeWav(Array.from({ length: channels }, () => new Float32Array(1)), { sampleRate: 8000, encoding: 'pcm16', extensible: false });
  const dataAt = head.length - 2 * channels;
  const bytes = frames * 2 * channels;
  head.writeUInt32LE(bytes, dataAt - 4);
  head.writeUInt32LE(dataAt - 8 + bytes, 4);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head, 0, dataAt, 0);
    ftruncateSync(fd, dataAt + bytes);
  } finally {
    closeSync(fd);
  }
  return dataAt + bytes;
}

/** Runs memory-probe.ts on a `hours`-long recording and returns its peak RSS above its baseline. */
export async function benchReadMemory(hours = 3): Promise<MemoryBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'aiw-mem-'));
  try {
    const path = join(dir, 'long.wav');
    const size = sparseWav(path, hours);
    const probe = join(import.meta.dirname, 'memory-probe.ts');
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [probe, path], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`memory probe exited ${code}: ${stderr}`))));
    });
    const r = JSON.parse(out) as { baselineMB: number; peakMB: number; segments: number };
    return { hours, fileMB: size / 1024 / 1024, baselineMB: r.baselineMB, peakAboveBaselineMB: r.peakMB - r.baselineMB, segments: r.segments };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

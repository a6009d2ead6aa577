/**
 * Soak: is the main process's memory flat over a long accelerated run? Starts `aiw serve` on a fresh
 * data folder with the demo at `--speed` (default 60: a simulated day in 24 minutes), samples the
 * main process's resident memory (VmRSS, Linux /proc) every few seconds for `--minutes`, and prints
 * the drift: the mean of the last quarter against the mean of the first quarter after a warm-up
 * (goal: within 10 %). The model hosts are separate processes and not counted.
 *
 *   node bench/soak.ts [--minutes 24] [--speed 60] [--interval 5] [--warmup 2]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '24' }, speed: { type: 'string', default: '60' },
    interval: { type: 'string', default: '5' }, warmup: { type: 'string', default: '2' },
  },
});
const minutes = Number(values.minutes);
const intervalMs = Number(values.interval) * 1000;
const warmupMs = Number(values.warmup) * 60_000;

/** Resident memory of a process, MB (Linux). */
function rssMB(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Drift of the last quarter's mean over the first quarter's (after the warm-up), percent. */
export function driftPercent(samples: readonly { t: number; mb: number }[], warmup: number): { first: number; last: number; drift: number } {
  const kept = samples.filter((s) => s.t >= warmup).map((s) => s.mb);
  const q = Math.max(1, Math.floor(kept.length / 4));
  const first = mean(kept.slice(0, q));
  const last = mean(kept.slice(-q));
  return { first, last, drift: ((last - first) / first) * 100 };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aiw-soak-'));
  const bin = join(import.meta.dirname, '..', 'bin', 'aiw.mjs');
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dataDir, '--demo-speed', values.speed!], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => /^ready /m.test(d.toString()) && resolve());
    child.once('exit', (code) => reject(new Error(`aiw serve exited with ${code}`)));
  });
  process.stdout.write(`soak: aiw serve pid ${child.pid}, demo ×${values.speed}, ${minutes} min (${((minutes * Number(values.speed)) / 60).toFixed(1)} simulated hours)\n`);
  const samples: { t: number; mb: number }[] = [];
  const start = Date.now();
  while (Date.now() - start < minutes * 60_000) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const mb = rssMB(child.pid!);
    if (mb === undefined) break;
    samples.push({ t: Date.now() - start, mb });
    process.stdout.write(`${((Date.now() - start) / 60_000).toFixed(1).padStart(5)} min  RSS ${mb.toFixed(0)} MB\n`);
  }
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  const d = driftPercent(samples, warmupMs);
  const peak = Math.max(...samples.map((s) => s.mb));
  process.stdout.write(`RSS after warm-up: first quarter ${d.first.toFixed(0)} MB, last quarter ${d.last.toFixed(0)} MB, peak ${peak.toFixed(0)} MB\n`);
  process.stdout.write(`drift ${d.drift >= 0 ? '+' : ''}${d.drift.toFixed(1)} % (goal: within ±10 %)\n`);
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    process.stderr.write(`soak failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}

/**
 * Latency from a recording becoming stable on a remote station (its last byte written) to its
 * first prediction stored, through the whole workstation (container with the ingest, the station
 * worker and the model hosts) against a private OpenSSH server on loopback.
 *
 * Two policies: the default "unchanged across two polls" (expected ≤ 2 poll intervals + transfer +
 * analysis) and a short grace period (`stableAfterS`), which takes a quiet file on first sight
 * (expected ≤ 1 poll interval + transfer + analysis).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createContainer } from '../src/main/app/container.ts';
import { silentLogger } from '../src/main/app/logger.ts';
import { formatRecordingTime } from '../src/main/audio/recording-time.ts';
import { runAiw } from '../test/helpers/run-aiw.ts';
import { REPO_ROOT } from '../test/helpers/serve-process.ts';
import { putRemote, wavBytes } from '../test/helpers/sftp-station.ts';
import { startSshd, sshdUnavailableReason, type SshdHandle } from '../test/helpers/sshd.ts';

export interface LatencyPolicyResult {
  policy: string;
  pollIntervalS: number;
  /** Per trial: stable → downloaded, stable → first prediction (ms). */
  trials: { downloadedMs: number; predictedMs: number }[];
}

const FILE_SECONDS = 35;

export async function benchSftpLatency(pollIntervalS = 2, trials = 3): Promise<LatencyPolicyResult[] | string> {
  const reason = sshdUnavailableReason();
  if (reason) return reason;
  const sshd = await startSshd();
  try {
    return [
      await measurePolicy(sshd, 'two polls', { pollIntervalS }, trials),
      await measurePolicy(sshd, 'grace 1 s', { pollIntervalS, stableAfterS: 1 }, trials),
    ];
  } finally {
    await sshd.close();
  }
}

async function measurePolicy(sshd: SshdHandle, policy: string, station: Record<string, number>, trials: number): Promise<LatencyPolicyResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aiw-bench-latency-'));
  const sub = policy.replace(/\W+/g, '-');
  const deploy = runAiw(['models', 'deploy', join(REPO_ROOT, 'test/fixtures/models/tiny-logreg'), '--data-dir', dataDir]);
  if (deploy.code !== 0) throw new Error(`model deploy failed: ${deploy.stderr}`);
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify({
    demo: { enabled: false },
    stations: [{
      id: 'bench', name: 'Bench', host: sshd.host, port: sshd.port, user: sshd.user,
      auth: { method: 'key', privateKeyPath: sshd.clientKey }, hostKeyFingerprint: sshd.hostKeyFingerprint(),
      remoteRoot: join(sshd.root, sub), lat: 0, lon: 0, ...station,
    }],
  }));
  putRemote(sshd, `${sub}/.keep`, '');
  const container = await createContainer({ dataDir, mode: 'headless', configFile, logger: silentLogger });
  const db = new Database(join(dataDir, 'aiw.db'), { readonly: true });
  try {
    await container.start();
    const out: LatencyPolicyResult['trials'] = [];
    for (let i = 0; i < trials; i++) {
      // Start times an hour apart: each recording is its own stretch of stream.
      const start = Date.UTC(2024, 0, 1, i);
      putRemote(sshd, `${sub}/rec_${formatRecordingTime(start, 'iso-basic')}.wav`, wavBytes(FILE_SECONDS, i));
      const stableAt = Date.now();
      // Stagger against the poll clock so trials see different phases of it.
      out.push(await waitForPrediction(db, start, stableAt));
      await new Promise((r) => setTimeout(r, (station.pollIntervalS! * 1000 * (i + 1)) / (trials + 1)));
    }
    return { policy, pollIntervalS: station.pollIntervalS!, trials: out };
  } finally {
    db.close();
    await container.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitForPrediction(db: Database.Database, start: number, stableAt: number): Promise<LatencyPolicyResult['trials'][number]> {
  const predicted = db.prepare<[number], number | null>(`SELECT min(p.created_at) FROM predictions p JOIN segments s ON s.id = p.segment_id
    WHERE s.station_id = 'bench' AND s.start_time >= ?`).pluck();
  const downloaded = db.prepare<[number], number | null>("SELECT created_at FROM recordings WHERE station_id = 'bench' AND start_time = ?").pluck();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const p = predicted.get(start);
    if (p) return { downloadedMs: (downloaded.get(start) ?? Number.NaN) - stableAt, predictedMs: p - stableAt };
    if (Date.now() > deadline) throw new Error('no prediction within 60 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

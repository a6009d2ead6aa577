/** `aiw models backfill <id> --from T --to T`: re-runs a model over a station's cached audio, with progress on stderr. */
import type { BackfillJob } from '../../../shared/models.ts';
import type { AppContainer } from '../../app/container.ts';
import { UsageError } from '../args.ts';
import { operand, type ModelsArgs } from './models.ts';

function timeOption(value: string | undefined, name: string): number {
  if (value === undefined) throw new UsageError(`backfill needs --${name} (ISO 8601 time, e.g. 2025-01-01T12:00:00Z)`);
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new UsageError(`--${name}: not a time: "${value}"`);
  return t;
}

/** "37/160 segments, 12.1 seg/s, 272× real time, 10 s left" */
export function progressLine(job: BackfillJob): string {
  const eta = job.etaMs === undefined ? '' : `, ${Math.ceil(job.etaMs / 1000)} s left`;
  return `${job.done}/${job.total} segments, ${job.rate.toFixed(1)} seg/s, ${job.realTimeFactor.toFixed(0)}× real time${eta}`;
}

export async function backfillSubcommand(c: AppContainer, args: ModelsArgs): Promise<number> {
  const id = operand(args, 'model id');
  const version = c.registry.resolveVersion(id, args.values.version);
  const from = timeOption(args.values.from, 'from');
  const to = timeOption(args.values.to, 'to');
  const stationId = args.values.station ?? 'demo';
  const started = c.backfill.start({ stationId, models: [{ id, version }], from, to });
  const timer = setInterval(() => {
    const job = c.backfill.list().find((j) => j.id === started.id);
    if (job) process.stderr.write(`aiw models backfill: ${progressLine(job)}\n`);
  }, 2000);
  const job = await c.backfill.wait(started.id).finally(() => clearInterval(timer));
  const summary = `${job.state}: ${progressLine(job)}; ${job.predictions} predictions stored, ` +
    `${job.skipped} already predicted, ${job.failures} failed${job.message ? ` (${job.message})` : ''}`;
  if (args.values.json) process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
  else process.stdout.write(`${summary}\n`);
  return job.state === 'done' && job.failures === 0 ? 0 : 1;
}

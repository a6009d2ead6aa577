/**
 * `aiw export metrics|predictions|labels|training-set --from T --to T [--format csv]`: the data folder's
 * predictions, truth labels and model metrics as CSV (docs/labels-and-metrics.md, "Exports"), and
 * verified segments with their audio as a training set. Labels are brought up to date first.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { metricsRequestSchema } from '../../../shared/metrics.ts';
import { createContainer, type AppContainer } from '../../app/container.ts';
import { metricsCsv } from '../../metrics/export-csv.ts';
import { parseCommand, printHelp, UsageError } from '../args.ts';

const USAGE = `usage: aiw export <metrics|predictions|labels|training-set> --from T --to T [options]
  --from T, --to T          time range (ISO 8601, e.g. 2025-01-01T00:00:00Z, or epoch ms); segments starting in [from, to)
  --format csv              output format (the default and only one)
  --out FILE                write to FILE instead of stdout (training-set: a folder, default exports/training-<time>)
  --station ID              one station only
  --model ID[@VERSION]      one model (repeatable; predictions and metrics)
  --range KM                labels at this range (labels: default every range; metrics: default the live range)
  --mapping-version N       class mapping version to derive labels under (default: the current one)
  --truth ais|verified|verified-only   AIS labels, AIS overridden by analyst verifications, or verified segments only`;

const OPTIONS = {
  from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, station: { type: 'string' },
  model: { type: 'string', multiple: true }, range: { type: 'string' }, 'mapping-version': { type: 'string' }, truth: { type: 'string' },
} as const;

type ExportArgs = ReturnType<typeof parseCommand<typeof OPTIONS>>['values'];

function timeOf(value: string | undefined, name: string): number {
  if (value === undefined) throw new UsageError(`missing --${name}\n\n${USAGE}`);
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(t)) throw new UsageError(`--${name}: not a time: "${value}"`);
  return t;
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`--${name} must be a positive number, got "${value}"`);
  return n;
}

function modelsOf(values: readonly string[] | undefined): { id: string; version: string }[] | undefined {
  return values?.map((v) => {
    const [id, version] = v.split('@');
    if (!id || !version) throw new UsageError(`--model needs ID@VERSION, got "${v}"`);
    return { id, version };
  });
}

/** The filters shared by the subcommands, validated. */
function filtersOf(v: ExportArgs) {
  if (v.format !== undefined && v.format !== 'csv') throw new UsageError(`--format must be csv, got "${v.format}"`);
  const truth = v.truth ?? 'ais';
  if (truth !== 'ais' && truth !== 'verified' && truth !== 'verified-only') throw new UsageError(`--truth must be ais, verified or verified-only, got "${truth}"`);
  const from = timeOf(v.from, 'from');
  const to = timeOf(v.to, 'to');
  if (to <= from) throw new UsageError('--to must be after --from');
  const version = positive(v['mapping-version'], 'mapping-version');
  return { from, to, truth, stationId: v.station, rangeKm: positive(v.range, 'range'), mappingVersion: version, models: modelsOf(v.model) } as const;
}

/** Writes lines to a stream, waiting when it is full. */
function lineWriter(out: Writable) {
  return async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
}

type Filters = ReturnType<typeof filtersOf>;
type Emit = (line: string) => Promise<void>;

const SUBCOMMANDS: Record<string, (c: AppContainer, f: Filters, emit: Emit) => Promise<string>> = {
  predictions: async (c, f, emit) => `${await c.truth.writePredictionsCsv(f, emit)} predictions`,
  labels: async (c, f, emit) => `${await c.truth.writeLabelsCsv(f, emit)} labels`,
  metrics: async (c, f, emit) => {
    const report = await c.truth.metrics.compute(metricsRequestSchema.parse({
      from: f.from, to: f.to, truth: f.truth, ...(f.rangeKm ? { rangeKm: f.rangeKm } : {}), ...(f.mappingVersion ? { mappingVersion: f.mappingVersion } : {}),
      ...(f.stationId ? { stationId: f.stationId } : {}), ...(f.models ? { models: f.models } : {}),
    }));
    await emit(metricsCsv(report));
    return `${report.models.length} models, range ${report.rangeKm} km, mapping version ${report.mappingVersion}, ${Math.round(report.computeMs)} ms`;
  },
};

async function trainingSet(c: AppContainer, f: Filters, out: string | undefined): Promise<number> {
  const r = await c.truth.exportTrainingSet(f, out);
  process.stdout.write(`${r.dir}\n`);
  process.stderr.write(`aiw export training-set: ${r.segments} verified segments, ${r.withAudio} with audio, ${r.withoutAudio} without (see the audio column of training.csv)\n`);
  return 0;
}

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals, dataDir } = parseCommand(argv, OPTIONS, USAGE);
  if (values.help) return printHelp(USAGE);
  const [what] = positionals;
  if (what === undefined || (what !== 'training-set' && !SUBCOMMANDS[what])) throw new UsageError(`export what? "${what ?? ''}"\n\n${USAGE}`);
  const filters = filtersOf(values);
  const container = await createContainer({ dataDir, mode: 'cli', live: false });
  try {
    container.truth.labels.init();
    await container.truth.labels.runPass();
    if (what === 'training-set') return await trainingSet(container, filters, values.out);
    const stream: Writable = values.out ? createWriteStream(values.out) : process.stdout;
    const summary = await SUBCOMMANDS[what](container, filters, lineWriter(stream));
    if (values.out) await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    process.stderr.write(`aiw export ${what}: ${summary}\n`);
    return 0;
  } finally {
    await container.stop();
  }
}

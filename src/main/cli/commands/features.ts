/**
 * `aiw features <files...> --manifest M --out F.npy`: the exact model input of every segment,
 * computed by the serving featurizer (segmenter → conditioning → resampling → feature), written
 * as one float32 array [segments, ...input.shape] plus `F.segments.csv` (which file and time each
 * row comes from). Training code that reads these has no training/serving skew by construction.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError, toAppError } from '../../../shared/errors.ts';
import { modelManifestSchema, type ModelManifest } from '../../../shared/model-manifest.ts';
import type { RecordingTimeSettings } from '../../../shared/signal-settings.ts';
import { readRecordings, reasonWithoutPath, type RecordingEvent } from '../../audio/recording-stream.ts';
import { featureShape } from '../../dsp/features.ts';
import { NpyWriter } from '../../dsp/npy.ts';
import { featureRequestOf, type FeatureRequest } from '../../pipeline/feature-plan.ts';
import { featurize } from '../../pipeline/featurizer.ts';
import { Segmenter, type Window } from '../../pipeline/segmenter.ts';
import { parseCommand, printHelp, UsageError } from '../args.ts';
import { csvField } from '../../../shared/csv.ts';
import { recordingTimeFromOptions, SIGNAL_OPTIONS, SIGNAL_USAGE } from './signal-options.ts';

const USAGE = `usage: aiw features <files...> --manifest M --out F.npy [--continuous] [--channels NAMES] [time options]
  --manifest M      a model package folder or its model.json: segments, channels, conditioning, rate and feature
  --out F.npy       float32 array [segments, ...input.shape]; F.segments.csv lists file, start, end, padded per row
  --continuous      treat the files as one stream in start-time order: windows cross file boundaries and
                    gaps/overlaps between files are reported (default: each file on its own)
  --channels NAMES  the recordings' channel layout, e.g. pressure,x,y,z (for manifests with channelNames)
${SIGNAL_USAGE}`;

interface Job {
  readonly request: FeatureRequest;
  readonly manifest: ModelManifest;
  readonly writer: NpyWriter;
  readonly index: string[];
}

export async function featuresCommand(argv: string[]): Promise<number> {
  const options = { manifest: { type: 'string' }, out: { type: 'string' }, continuous: { type: 'boolean' }, channels: { type: 'string' }, ...SIGNAL_OPTIONS } as const;
  const { values, positionals: files } = parseCommand(argv, options, USAGE);
  if (values.help) return printHelp(USAGE);
  if (!files.length) throw new UsageError(`no input files\n\n${USAGE}`);
  if (!values.manifest) throw new UsageError(`--manifest is required\n\n${USAGE}`);
  if (!values.out) throw new UsageError(`--out is required\n\n${USAGE}`);
  const time = recordingTimeFromOptions(values);
  const manifest = await loadManifest(values.manifest);
  const layout = values.channels?.split(',').map((s) => s.trim()).filter(Boolean);
  const request = featureRequestOf(manifest, layout);
  if (request.channelError) throw new AppError('CONFIG_INVALID', request.channelError);
  checkShape(manifest);
  const writer = await NpyWriter.create(values.out, manifest.input.shape);
  const job: Job = { request, manifest, writer, index: ['row,file,segment_start,segment_end,padded'] };
  let failed: number;
  try {
    const ordered = values.continuous ? await byStartTime(files, time) : files;
    failed = await run(ordered, job, values.continuous === true, time);
  } finally {
    await writer.close();
  }
  await writeFile(segmentsCsvPath(values.out), `${job.index.join('\n')}\n`);
  process.stderr.write(`aiw features: wrote ${writer.rows} segment(s) × [${manifest.input.shape.join(', ')}] to ${values.out}\n`);
  if (failed) process.stderr.write(`aiw features: ${failed} of ${files.length} file(s) failed\n`);
  return failed ? 1 : 0;
}

function segmentsCsvPath(out: string): string {
  return `${out.replace(/\.npy$/i, '')}.segments.csv`;
}

async function loadManifest(path: string): Promise<ModelManifest> {
  const file = (await stat(path).catch(() => undefined))?.isDirectory() ? join(path, 'model.json') : path;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `cannot read the manifest ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = modelManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('CONFIG_INVALID', `${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Refuses a manifest whose feature cannot fill its declared input shape (before reading any audio). */
function checkShape(m: ModelManifest): void {
  const { input } = m;
  const produced = featureShape(input.feature, input.sampleRate, input.segmentSeconds, input.channels.length, input.layout);
  const size = (d: readonly number[]) => d.reduce((a, b) => a * b, 1);
  if (size(produced) !== size(input.shape)) {
    throw new AppError('CONFIG_INVALID', `the manifest's feature gives [${produced.join(', ')}] per segment but input.shape is [${input.shape.join(', ')}]`);
  }
}

/** Files sorted by their resolved start time (unreadable ones first, so they are reported early). */
async function byStartTime(files: readonly string[], time: RecordingTimeSettings): Promise<string[]> {
  const starts = new Map<string, number>();
  for (const file of files) {
    for await (const e of readRecordings([file], { time })) {
      starts.set(file, e.type === 'start' ? e.startTime : -Infinity);
      break;
    }
  }
  return [...files].sort((a, b) => starts.get(a)! - starts.get(b)!);
}

async function run(files: readonly string[], job: Job, continuous: boolean, time: RecordingTimeSettings): Promise<number> {
  const { segmentSeconds, overlap } = job.manifest.input;
  let segmenter = new Segmenter({ segmentSeconds, overlap });
  let failed = 0;
  let current = '';
  const emit = async (windows: Window[]) => {
    for (const w of windows) await writeRow(job, current, w);
  };
  for await (const event of readRecordings(files, { time })) {
    current = event.path;
    if (event.type === 'start') segmenter.beginRecording(event.startTime, event.startTime + event.info.durationS * 1000);
    else if (event.type === 'block') {
      const { windows, gap, overlap: over } = segmenter.push(event.block);
      if (gap) report(`gap in the stream before ${basename(event.path)}: ${span(gap)}`);
      if (over) report(`${basename(event.path)} overlaps the previous file by ${span(over)}: the overlap is skipped`);
      await emit(windows);
    } else {
      if (!continuous) {
        await emit(segmenter.flush());
        segmenter = new Segmenter({ segmentSeconds, overlap });
      }
      if (event.type === 'failed') failed += reportFailure(event);
    }
  }
  if (continuous) await emit(segmenter.flush());
  return failed;
}

async function writeRow(job: Job, file: string, w: Window): Promise<void> {
  const row = featurize(w, job.request);
  await job.writer.append(row);
  const iso = (t: number) => new Date(t).toISOString();
  job.index.push([job.writer.rows - 1, csvField(file), iso(w.startTime), iso(w.endTime), w.padded].join(','));
}

function span(g: { startTime: number; endTime: number }): string {
  const seconds = Math.abs(g.endTime - g.startTime) / 1000;
  return `${new Date(g.startTime).toISOString()} → ${new Date(g.endTime).toISOString()} (${seconds.toFixed(3)} s)`;
}

function report(line: string): void {
  process.stderr.write(`aiw features: ${line}\n`);
}

function reportFailure(event: Extract<RecordingEvent, { type: 'failed' }>): number {
  const e = toAppError(event.error);
  const kept = event.frames > 0 ? ` (${event.frames} frames before it were used)` : '';
  report(`${event.path}: FAILED: ${reasonWithoutPath(event.path, e.message)}${kept} [${e.code}]`);
  return 1;
}

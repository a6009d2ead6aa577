/**
 * Model packages: a folder with `model.json` (the manifest), the ONNX file and an optional MODEL_CARD.md.
 *
 * Loading validates everything that can be checked without running the model; the model host
 * checks the graph itself (input/output names and shapes) when it loads the ONNX file.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { modelManifestSchema, type ModelManifest } from '../../shared/model-manifest.ts';
import { featureShape } from '../dsp/features.ts';

/** Largest ONNX file accepted by default: bigger models would not run live on 2 CPU cores anyway. */
export const DEFAULT_MAX_ONNX_BYTES = 200 * 1024 * 1024;

/** One ONNX file of a package, checked: inside the package, present, non-empty, within the size limit. */
export interface GraphFile {
  /** The name model.json gives it (`onnx`, or an entry of `uncertainty.members`). */
  readonly name: string;
  /** Absolute path. */
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** A validated model package on disk. */
export interface ModelPackage {
  /** Absolute path of the package folder. */
  readonly dir: string;
  readonly manifest: ModelManifest;
  /** The graphs to load: the one `onnx` file, or the ensemble's members in manifest order. */
  readonly graphs: readonly GraphFile[];
  /** Absolute path of the ONNX file (an ensemble's first member). */
  readonly onnxPath: string;
  /**
   * Hex sha256 identifying the weights: of the ONNX file, or for an ensemble of its members' names and
   * hashes (so replacing any member changes it).
   */
  readonly onnxSha256: string;
  /** Size of the ONNX file, or of all members together. */
  readonly onnxBytes: number;
  /** MODEL_CARD.md text, when present. */
  readonly card?: string;
}

/** Computes the input tensor shape (without batch axis) a manifest's feature spec produces. */
export type FeatureShapeFn = (manifest: ModelManifest) => readonly number[];

export interface LoadPackageOptions {
  /** Default DEFAULT_MAX_ONNX_BYTES. */
  maxOnnxBytes?: number;
  /** Default manifestFeatureShape (the DSP's own featureShape). */
  featureShape?: FeatureShapeFn;
}

/** The shape src/main/dsp computes for this manifest's input (feature, rate, segment, channels, layout). */
export function manifestFeatureShape(manifest: ModelManifest): number[] {
  const input = manifest.input;
  return featureShape(input.feature, input.sampleRate, input.segmentSeconds, input.channels.length, input.layout);
}

/** Forward passes per sample the summaries average over: MC-dropout passes, ensemble members, or 1. */
export function forwardPasses(manifest: ModelManifest): number {
  const u = manifest.uncertainty;
  if (u.method === 'mc-dropout') return u.passes;
  if (u.method === 'ensemble') return Array.isArray(u.members) ? u.members.length : u.members;
  return 1;
}

/** Reads and validates a model package folder; throws AppError('MODEL_INVALID') with the precise reason. */
export async function loadModelPackage(dir: string, options: LoadPackageOptions = {}): Promise<ModelPackage> {
  const root = resolve(dir);
  const manifest = parseManifest(await readManifestText(root));
  checkManifestConsistency(manifest);
  checkFeatureShape(manifest, options.featureShape ?? manifestFeatureShape);
  const graphs = await loadGraphFiles(root, manifest, options.maxOnnxBytes ?? DEFAULT_MAX_ONNX_BYTES);
  const card = await readOptional(insidePackage(root, manifest.card, 'card'));
  const identity = graphs.length === 1 ? graphs[0]!.sha256 : ensembleSha256(graphs);
  const onnxBytes = graphs.reduce((total, g) => total + g.bytes, 0);
  return {
    dir: root, manifest, graphs, onnxPath: graphs[0]!.path, onnxSha256: identity, onnxBytes, ...(card === undefined ? {} : { card }),
  };
}

/** Checks and hashes every graph file; the size limit applies to each and, for an ensemble, to all together. */
async function loadGraphFiles(root: string, manifest: ModelManifest, maxBytes: number): Promise<GraphFile[]> {
  const u = manifest.uncertainty;
  const ensemble = u.method === 'ensemble' && Array.isArray(u.members) ? u.members : undefined;
  const names = ensemble ?? [manifest.onnx];
  const graphs: GraphFile[] = [];
  for (const [i, name] of names.entries()) {
    const path = insidePackage(root, name, ensemble ? `uncertainty.members[${i}]` : 'onnx');
    const bytes = await onnxSize(path, name, maxBytes);
    graphs.push({ name, path, bytes, sha256: await sha256File(path) });
  }
  if (ensemble) checkEnsembleFiles(graphs, maxBytes);
  return graphs;
}

/** Members must differ (identical weights would report zero epistemic uncertainty) and fit the limit together. */
function checkEnsembleFiles(graphs: readonly GraphFile[], maxBytes: number): void {
  graphs.forEach((g, i) => {
    const twin = graphs.findIndex((other) => other.sha256 === g.sha256);
    if (twin < i) {
      throw new AppError(
        'MODEL_INVALID',
        `model.json: uncertainty.members: ${graphs[twin]!.name} and ${g.name} are the same graph (identical bytes); ` +
          'ensemble members need different weights',
      );
    }
  });
  const total = graphs.reduce((sum, g) => sum + g.bytes, 0);
  if (total > maxBytes) {
    throw new AppError(
      'MODEL_INVALID',
      `model.json: uncertainty.members: together ${formatBytes(total)}, more than the ${formatBytes(maxBytes)} limit for a model`,
    );
  }
}

/** sha256 over "name sha256" lines: the identity of an ensemble's weights. */
function ensembleSha256(graphs: readonly GraphFile[]): string {
  const hash = createHash('sha256');
  for (const g of graphs) hash.update(`${g.name} ${g.sha256}\n`);
  return hash.digest('hex');
}

/** Validates parsed JSON against the manifest schema, turning zod issues into one readable message. */
export function parseManifest(text: string): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError('MODEL_INVALID', `model.json: not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = modelManifestSchema.safeParse(json);
  if (!parsed.success) throw new AppError('MODEL_INVALID', `model.json: ${formatIssues(parsed.error.issues)}`);
  // `onnx` has a default, so only the raw JSON tells whether an ensemble names a graph it would ignore.
  if (parsed.data.uncertainty.method === 'ensemble' && Object.hasOwn(json as object, 'onnx')) {
    throw new AppError('MODEL_INVALID', 'model.json: onnx: an ensemble lists its graphs in uncertainty.members; remove "onnx"');
  }
  return parsed.data;
}

/** `input.shape: expected array, received undefined; classes[2].classId: …` */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** Cross-field rules the schema cannot express. */
export function checkManifestConsistency(manifest: ModelManifest): void {
  const fail = (message: string): never => {
    throw new AppError('MODEL_INVALID', `model.json: ${message}`);
  };
  const classIds = manifest.classes.map((c) => c.classId);
  const dupId = classIds.find((id, i) => classIds.indexOf(id) !== i);
  if (dupId !== undefined) fail(`classes: class id "${dupId}" is mapped twice`);
  for (const key of Object.keys(manifest.thresholds ?? {})) {
    if (!classIds.includes(key)) fail(`thresholds.${key}: not one of the class ids ${classIds.join(', ')}`);
  }
  const u = manifest.uncertainty;
  if (u.method === 'mc-dropout' && u.maskInput === manifest.input.name) {
    fail(`uncertainty.maskInput: "${u.maskInput}" is also the feature input`);
  }
  if (u.method === 'ensemble') checkMemberNames(u.members, fail);
}

function checkMemberNames(members: readonly string[] | number, fail: (message: string) => never): void {
  if (!Array.isArray(members)) {
    fail(`uncertainty.members: name the ${members} member ONNX files, e.g. ["m1.onnx", "m2.onnx"]; a count is not enough`);
  }
  const twice = members.find((name, i) => members.indexOf(name) !== i);
  if (twice !== undefined) fail(`uncertainty.members: "${twice}" is listed twice`);
}

/** Checks `input.shape` against what the feature spec produces. */
export function checkFeatureShape(manifest: ModelManifest, shapeOf: FeatureShapeFn = manifestFeatureShape): void {
  let expected: readonly number[];
  try {
    expected = shapeOf(manifest);
  } catch (err) {
    throw new AppError('MODEL_INVALID', `model.json: input.feature: ${(err as Error).message}`, { cause: err });
  }
  const actual = manifest.input.shape;
  const same = expected.length === actual.length && expected.every((d, i) => d === actual[i]);
  if (!same) {
    throw new AppError(
      'MODEL_INVALID',
      `model.json: input.shape is [${actual.join(', ')}] but the feature spec produces [${expected.join(', ')}]`,
    );
  }
}

async function readManifestText(root: string): Promise<string> {
  try {
    return await readFile(join(root, 'model.json'), 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message;
    throw new AppError('MODEL_INVALID', `model.json: ${reason} in ${root}`, { cause: err });
  }
}

/** Resolves a manifest file name, refusing names that escape the package folder. */
function insidePackage(root: string, name: string, field: string): string {
  const full = resolve(root, name);
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new AppError('MODEL_INVALID', `model.json: ${field}: "${name}" must be a file inside the package folder`);
  }
  return full;
}

async function onnxSize(onnxPath: string, name: string, maxBytes: number): Promise<number> {
  let size: number;
  try {
    const info = await stat(onnxPath);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch (err) {
    throw new AppError('MODEL_INVALID', `${name}: ONNX file not found in the package`, { cause: err });
  }
  if (size > maxBytes) {
    throw new AppError('MODEL_INVALID', `${name}: ${formatBytes(size)} exceeds the ${formatBytes(maxBytes)} limit for a model`);
  }
  if (size === 0) throw new AppError('MODEL_INVALID', `${name}: the ONNX file is empty`);
  return size;
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('IO_FAILED', `${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Streams the file through sha256 so a 200 MB model never sits in memory twice. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

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

/** A validated model package on disk. */
export interface ModelPackage {
  /** Absolute path of the package folder. */
  readonly dir: string;
  readonly manifest: ModelManifest;
  /** Absolute path of the ONNX file. */
  readonly onnxPath: string;
  /** Hex sha256 of the ONNX file: the identity of the weights. */
  readonly onnxSha256: string;
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

/** Reads and validates a model package folder; throws AppError('MODEL_INVALID') with the precise reason. */
export async function loadModelPackage(dir: string, options: LoadPackageOptions = {}): Promise<ModelPackage> {
  const root = resolve(dir);
  const manifest = parseManifest(await readManifestText(root));
  checkManifestConsistency(manifest);
  checkFeatureShape(manifest, options.featureShape ?? manifestFeatureShape);
  const onnxPath = insidePackage(root, manifest.onnx, 'onnx');
  const onnxBytes = await onnxSize(onnxPath, manifest.onnx, options.maxOnnxBytes ?? DEFAULT_MAX_ONNX_BYTES);
  const card = await readOptional(insidePackage(root, manifest.card, 'card'));
  const onnxSha256 = await sha256File(onnxPath);
  return { dir: root, manifest, onnxPath, onnxSha256, onnxBytes, ...(card === undefined ? {} : { card }) };
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
  if (u.method === 'ensemble') fail('uncertainty.method: "ensemble" is not supported yet; export one graph per member');
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

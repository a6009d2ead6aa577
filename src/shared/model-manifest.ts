/**
 * The model package manifest (`model.json`), documented in docs/model-package.md.
 *
 * Unknown fields are rejected (strict objects) so a typo never silently drops a setting.
 */
import { z } from 'zod';
import { conditioningSchema, featureSpecSchema } from './feature-spec.ts';

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" or "-"');

/** Most member graphs an ensemble may list (each runs on every segment). */
export const MAX_ENSEMBLE_MEMBERS = 16;

export const uncertaintySpecSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('none') }),
  z.strictObject({
    method: z.literal('mc-dropout'),
    passes: z.number().int().min(2).max(200),
    /** Name of the graph input that receives the dropout keep-mask (already scaled by 1/(1-p)). */
    maskInput: z.string(),
    /** Shape of the mask for one sample, without the batch axis. */
    maskShape: z.array(z.number().int().positive()),
    rate: z.number().gt(0).lt(1),
  }),
  z.strictObject({
    method: z.literal('ensemble'),
    /**
     * The member ONNX files (file names inside the package, like `onnx`), each fed the same input;
     * their outputs are summarised like MC passes. A bare count (the reserved form before ensembles
     * were implemented) still parses but is refused at deploy: the members must be named.
     */
    members: z.union([z.array(z.string().min(1).max(128)).min(2).max(MAX_ENSEMBLE_MEMBERS), z.number().int().min(2)], {
      error: 'expected a list of member ONNX file names, e.g. ["m1.onnx", "m2.onnx"]',
    }),
  }),
]);

export const inputSpecSchema = z.strictObject({
  /** Graph input that receives the features. */
  name: z.string(),
  sampleRate: z.number().int().positive(),
  /** Source channel indices fed to the model, in order (0 = pressure). */
  channels: z.array(z.number().int().min(0).max(15)).min(1),
  /**
   * The same channels by name (e.g. ["pressure", "x", "y", "z"]), resolved against the station's
   * channel layout when it declares one; `channels` is used otherwise. Optional.
   */
  channelNames: z.array(z.string().min(1).max(32)).min(1).max(16).optional(),
  /** DC removal / high-pass and gain applied to each channel before resampling; default none. */
  conditioning: conditioningSchema.optional(),
  segmentSeconds: z.number().positive().max(3600),
  /** Fraction of a segment shared with the next one (seed: 0.25). */
  overlap: z.number().min(0).lt(1).default(0),
  feature: featureSpecSchema,
  /** Tensor shape without the batch axis, e.g. [1, 160, 128] or [64]. */
  shape: z.array(z.number().int().positive()).min(1),
  /** Axis order of a frames × bands × channels input. */
  layout: z.enum(['channels-first', 'channels-last', 'flat']).default('channels-first'),
}).refine((i) => !i.channelNames || i.channelNames.length === i.channels.length, {
  message: 'channelNames must name as many channels as channels lists',
  path: ['channelNames'],
});

export const modelManifestSchema = z.strictObject({
  formatVersion: z.literal(1),
  id: idSchema,
  name: z.string().min(1).max(120),
  version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'semantic version, e.g. 1.0.0'),
  author: z.string().min(1),
  description: z.string().default(''),
  task: z.enum(['multi-class', 'multi-label']),
  /** The model's outputs in order, each mapped to a workstation class id. */
  classes: z.array(z.strictObject({ label: z.string(), classId: z.string() })).min(2),
  input: inputSpecSchema,
  output: z.strictObject({ name: z.string(), kind: z.enum(['probabilities', 'logits']).default('probabilities') }),
  uncertainty: uncertaintySpecSchema.default({ method: 'none' }),
  /** Per-class decision thresholds for multi-label models. */
  thresholds: z.record(z.string(), z.number().min(0).max(1)).optional(),
  /** Training-time metrics, shown as-is in the Models page. */
  metrics: z.record(z.string(), z.number()).optional(),
  onnx: z.string().default('model.onnx'),
  card: z.string().default('MODEL_CARD.md'),
});

export type ModelManifest = z.infer<typeof modelManifestSchema>;
export type UncertaintySpec = z.infer<typeof uncertaintySpecSchema>;
export type InputSpec = z.infer<typeof inputSpecSchema>;

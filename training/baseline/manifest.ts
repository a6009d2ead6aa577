/**
 * The baseline package's model.json, built in code and validated against the shared manifest schema,
 * so training and serving agree on every input setting by construction.
 */
import { modelManifestSchema, type ModelManifest } from '../../src/shared/model-manifest.ts';
import { BASELINE_FEATURE } from '../../src/main/dsp/presets.ts';
import { CLASS_LABELS } from './labels.ts';

export const MODEL_ID = 'baseline-logreg';
export const MODEL_VERSION = '1.0.0';
export const INPUT_NAME = 'features';
export const OUTPUT_NAME = 'probs';
export const SAMPLE_RATE = 8000;
export const SEGMENT_SECONDS = 30;
export const FEATURE_LENGTH = 64;

/** The validated manifest; `metrics` are the held-out numbers shown on the Models page. */
export function buildManifest(metrics: Record<string, number> = {}): ModelManifest {
  return modelManifestSchema.parse({
    formatVersion: 1,
    id: MODEL_ID,
    name: 'Baseline ship class (logistic regression)',
    version: MODEL_VERSION,
    author: 'AIW team',
    description:
      'Softmax regression on 30-s log-mel mean/std summaries of the pressure channel (8 kHz, 32 bands). ' +
      'Trained mostly on simulated passes; a transparent baseline, not a production classifier. See MODEL_CARD.md.',
    task: 'multi-class',
    classes: CLASS_LABELS.map((id) => ({ label: id, classId: id })),
    input: {
      name: INPUT_NAME,
      sampleRate: SAMPLE_RATE,
      channels: [0],
      segmentSeconds: SEGMENT_SECONDS,
      overlap: 0.25,
      feature: BASELINE_FEATURE,
      shape: [FEATURE_LENGTH],
      layout: 'flat',
    },
    output: { name: OUTPUT_NAME, kind: 'probabilities' },
    uncertainty: { method: 'none' },
    metrics,
  });
}

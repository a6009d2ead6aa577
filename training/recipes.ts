/**
 * The trainable recipes and the model.json each one produces.
 *
 * Every CNN recipe is a member of the seed's `cnn_model` / `dev_bnn_model` family (seed-spec §4.2), slimmed so
 * that six bundled models can run live on every segment of a 2-core machine; its input is the seed's own
 * feature (SEED_LOG_MEL at 4 kHz, 160 × 128 per channel, seed-spec §3.5). The manifests are built in code and
 * validated against the shared schema, so the dataset step, training and serving use one definition.
 */
import { AppError } from '../src/shared/errors.ts';
import { modelManifestSchema, type ModelManifest } from '../src/shared/model-manifest.ts';
import { SEED_LOG_MEL, SEED_SAMPLE_RATE } from '../src/main/dsp/presets.ts';

export const CLASS_IDS = ['A', 'B', 'C', 'D', 'E'] as const;
export const SHIP_CLASS_IDS = ['A', 'B', 'C', 'D'] as const;
export const CNN_VERSION = '1.1.0';
export const SEGMENT_SECONDS = 30;
export const FRAMES = 160;
export const BANDS = 128;
/** Seed `mc_dropout_prob` default (seed-spec §4.2). */
export const MC_RATE = 0.3;
export const MC_PASSES = 30;
/** Units of the flattened conv output the MC keep-mask covers (32 filters × 2 × 4 after four 2×2 pools of 40 × 64). */
export const MC_UNITS = 256;
/** Multi-label decision threshold per class (seed: 0.5). */
export const MULTI_LABEL_THRESHOLD = 0.5;

export interface CnnRecipe {
  readonly id: string;
  readonly name: string;
  /** 1 = pressure only; 4 = pressure + x, y, z particle velocity. */
  readonly channels: 1 | 4;
  readonly task: 'multi-class' | 'multi-label';
  /** Monte-Carlo dropout through a keep-mask input. */
  readonly mc: boolean;
  readonly summary: string;
}

export const CNN_RECIPES: readonly CnnRecipe[] = [
  { id: 'seed-cnn-1ch', name: 'Seed-style CNN, 1 channel', channels: 1, task: 'multi-class', mc: false,
    summary: 'deterministic, pressure channel' },
  { id: 'seed-cnn-4ch', name: 'Seed-style CNN, 4 channels', channels: 4, task: 'multi-class', mc: false,
    summary: 'deterministic, pressure + 3 particle-velocity channels' },
  { id: 'seed-cnn-mc-1ch', name: 'Seed-style CNN with MC dropout, 1 channel', channels: 1, task: 'multi-class', mc: true,
    summary: `Monte-Carlo dropout (${MC_PASSES} passes), pressure channel` },
  { id: 'seed-cnn-mc-4ch', name: 'Seed-style CNN with MC dropout, 4 channels', channels: 4, task: 'multi-class', mc: true,
    summary: `Monte-Carlo dropout (${MC_PASSES} passes), pressure + 3 particle-velocity channels` },
  { id: 'seed-cnn-multilabel-1ch', name: 'Seed-style CNN, multi-label A–D, 1 channel', channels: 1, task: 'multi-label', mc: false,
    summary: 'one sigmoid per ship class A–D (no class above threshold = no ship), pressure channel' },
];

/** Recipe names `npm run train -- --recipe NAME` accepts. */
export const RECIPE_NAMES = ['baseline', 'cnn-all', ...CNN_RECIPES.map((r) => r.id)] as const;

/** The CNN recipes a name selects ('cnn-all' = every one). */
export function selectCnnRecipes(name: string): CnnRecipe[] {
  if (name === 'cnn-all') return [...CNN_RECIPES];
  const recipe = CNN_RECIPES.find((r) => r.id === name);
  if (!recipe) throw new AppError('BAD_REQUEST', `unknown recipe "${name}"; one of ${RECIPE_NAMES.join(', ')}`);
  return [recipe];
}

/** Output classes in model order: A–E (softmax) or A–D (one sigmoid each). */
export function recipeClasses(recipe: CnnRecipe): readonly string[] {
  return recipe.task === 'multi-label' ? SHIP_CLASS_IDS : CLASS_IDS;
}

/** The input spec's channel list; the 1-channel feature equals plane 0 of the 4-channel one. */
export function recipeChannels(channels: 1 | 4): number[] {
  return channels === 4 ? [0, 1, 2, 3] : [0];
}

/** The validated manifest of a recipe; `metrics` are the held-out numbers shown on the Models page. */
export function buildCnnManifest(recipe: CnnRecipe, metrics: Record<string, number> = {}): ModelManifest {
  const classes = recipeClasses(recipe);
  return modelManifestSchema.parse({
    formatVersion: 1,
    id: recipe.id,
    name: recipe.name,
    version: CNN_VERSION,
    author: 'AIW team (training/, PyTorch)',
    description:
      `Compact member of the seed CNN family on the seed log-mel input (4 kHz, 160 × 128 per channel); ${recipe.summary}. ` +
      'Trained on simulated passes plus a few real clips; see MODEL_CARD.md for its honest (modest) real-audio numbers.',
    task: recipe.task,
    classes: classes.map((id) => ({ label: id, classId: id })),
    input: {
      name: 'features',
      sampleRate: SEED_SAMPLE_RATE,
      channels: recipeChannels(recipe.channels),
      // Removes DC offsets (DeepShip files carry ~3 % of full scale) without touching the lowest mel band (10 Hz).
      conditioning: { highPassHz: 2, gainDb: 0 },
      segmentSeconds: SEGMENT_SECONDS,
      overlap: 0.25,
      feature: SEED_LOG_MEL,
      shape: [recipe.channels, FRAMES, BANDS],
      layout: 'channels-first',
    },
    output: { name: 'probs', kind: 'probabilities' },
    uncertainty: recipe.mc
      ? { method: 'mc-dropout', passes: MC_PASSES, maskInput: 'mask', maskShape: [MC_UNITS], rate: MC_RATE }
      : { method: 'none' },
    ...(recipe.task === 'multi-label' ? { thresholds: Object.fromEntries(classes.map((c) => [c, MULTI_LABEL_THRESHOLD])) } : {}),
    metrics,
  });
}

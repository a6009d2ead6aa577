/**
 * Renders a CNN package's MODEL_CARD.md from the numbers of its training run, so the card cannot disagree
 * with the model it ships with.
 */
import type { ModelManifest } from '../../src/shared/model-manifest.ts';
import type { ModelPackage } from '../../src/main/inference/model-package.ts';
import type { Evaluation } from '../eval/evaluate.ts';
import { analyzeCommandLine } from '../eval/analyze-output.ts';
import { MC_PASSES, MC_RATE, MC_UNITS, SHIP_CLASS_IDS } from '../recipes.ts';
import { f3, headline, metricsBlock, pct, realClipTable, realSetTable, simCountsTable, truthTable } from './card-tables.ts';
import type { RunInfo, TrainLog } from './assemble.ts';

export interface CnnCardInput {
  info: RunInfo;
  log: TrainLog;
  manifest: ModelManifest;
  evaluation: Evaluation;
  pkg: ModelPackage;
  /** Largest |onnxruntime − PyTorch| probability on the reference windows. */
  maxDiff: number;
  latencyMs: number;
  evalSeconds: number;
}

function intro(c: CnnCardInput): string {
  const { recipe } = c.info;
  const e = c.evaluation;
  const real = e.realTest
    ? `Real recordings never trained on (other sites, other vessels): ${headline(e.realTest)}.`
    : `Real recordings: **no numbers** — ${e.realNote}.`;
  const what = recipe.task === 'multi-label'
    ? 'one independent sigmoid per ship class **A**–**D** (several classes may be present at once; none above its threshold means **no ship**)'
    : 'a softmax over the five workstation classes';
  const channels = recipe.channels === 4 ? 'pressure and three particle-velocity channels' : 'pressure channel';
  return `# ${c.manifest.name} — \`${c.manifest.id}\` ${c.manifest.version}

A compact member of the seed app's CNN family (seed-spec §4.2) on the seed's own log-mel input (seed-spec §3.5) of the
${channels}${recipe.mc ? `, with Monte-Carlo dropout (${MC_PASSES} passes) for an uncertainty estimate` : ''}. It outputs ${what} — **A** fishing/tug/towing, **B** pleasure/sail/pilot, **C** passenger, **D** cargo/tanker/military,
**E** no ship — for each 30-s window. It was trained almost entirely on the workstation's demo simulator plus five real
clips, and is bundled so that a new workstation has a comparable set of models to run, score and compare, as the seed
did. It is **not** a validated classifier of real ship traffic.

**Headline (held-out).** Simulated test scenarios: ${headline(e.simTest)}. ${real}

**Intended use:** live comparison with the other bundled models and with AIS on the demo station; a starting point for
retraining on the analyst's own labelled recordings (\`npm run train\`). **Not intended for:** operational decisions.
The real-audio numbers come from a handful of clips and are anecdotes, not estimates.
`;
}

function inputSection(c: CnnCardInput): string {
  const { input } = c.manifest;
  return `## Input

\`SEED_LOG_MEL\` (src/main/dsp/presets.ts), computed by the serving code itself (Segmenter → featurize → computeFeature);
training read exactly these arrays from \`.npy\` files, so training and serving cannot disagree. Channel(s)
[${input.channels.join(', ')}]${input.channels.length > 1 ? ' (pressure, then x, y, z particle velocity)' : ' (pressure)'}, a 2-Hz DC-blocking
high-pass (DeepShip files carry a 3 % DC offset), resampled to 4 kHz; 30-s windows with 25 % overlap (a shorter recording is
loop-padded to one window); 1000-sample periodic Hann frames every 750 samples, 1024-point FFT, TF pad_end, magnitude,
128 HTK mel bands over 10–2000 Hz without normalisation, ln(x + 1e-6): **[${input.shape.join(', ')}]** per window, channels-first.
`;
}

function architectureSection(c: CnnCardInput): string {
  const { recipe } = c.info;
  const mc = recipe.mc
    ? `\n\n**Monte-Carlo dropout.** The ${MC_UNITS} flattened conv features are multiplied by the graph input \`mask\` [N, ${MC_UNITS}]
(the seed's always-on dropout before Dense, rate ${MC_RATE} = seed \`mc_dropout_prob\`). The workstation feeds ${MC_PASSES} fresh
Bernoulli keep-masks (scaled by 1/(1 − ${MC_RATE})) per window in one batched run and reports the mean probabilities with
entropy, aleatoric (expected entropy) and epistemic (mutual information) uncertainty. The mask is an explicit
multiplication, so onnxruntime keeps it at full graph optimisation. Training used the same masks, drawn per sample.`
    : '';
  const out = recipe.task === 'multi-label' ? 'Dense 4 → sigmoid (threshold 0.5 each)' : 'Dense 5 → softmax';
  return `## Architecture

The seed's \`cnn_model\` (input BatchNorm; 5 blocks of [Conv 10×5 → BN → ReLU] × 2 with 16–80 filters and 2×2 max-pools;
Flatten → Dense 32 → BN → ReLU → Dropout 0.2 → Dense) costs about 1.1 GMAC per window — × ${MC_PASSES} MC passes that cannot run live
beside five other models on two shared cores. This member keeps the family's structure at about 1/400 of the cost:

\`features\` → subtract the mean of channel 0 (gain invariance: real recorders are not calibrated, and the simulator's WAV
scale is only a convention) → input BatchNorm → 4×2 average pool (40 frames × 64 bands) → 4 blocks [Conv (5×3, 5×3, 3×3,
3×3; 8, 16, 24, 32 filters, no bias) → BN → ReLU → 2×2 max-pool] → Flatten (${MC_UNITS}) → ${recipe.mc ? '× keep-mask' : 'Dropout 0.2'} →
Dense 32 (no bias) → BN → ReLU → Dropout 0.2 → ${out} → \`probs\`.

${c.log.parameters.toLocaleString('en')} parameters; ONNX opset 17 with a dynamic batch axis, ${(c.pkg.onnxBytes / 1024).toFixed(0)} KB
(sha256 \`${c.pkg.onnxSha256.slice(0, 16)}…\`). One window costs **${c.latencyMs.toFixed(1)} ms** in a ModelHost here
(median, one thread${recipe.mc ? `, all ${MC_PASSES} passes` : ''}, on cores shared with the rest of the run and other work).${mc}
`;
}

function dataSection(c: CnnCardInput): string {
  const { meta } = c.info.dataset;
  const missing = meta.missing.length ? `\n\nNot available when this card was made: ${meta.missing.join('; ')}.` : '';
  return `## Training data

**Simulated** (src/main/demo \`DemoStation\`, rendered with all four channels; the 1-channel models use the pressure plane):
${meta.config.scenarios} independent scenario seeds — endless seeded traffic past the MARS sensor with class-dependent ship
parameters, closest approaches from hundreds of metres to tens of km, several ships at once, seeded wind, rain and
distant-shipping ambient. From 12 h of each seed up to ${meta.config.windowsPerScenario} non-overlapping 30-s windows are drawn
round-robin over the labels (the window choice of training/baseline, see its card). Labels come from the simulator's
ground truth at the window centre, by each ship's best third-octave SNR over ambient: the loudest ship's class when
it is ≥ 6 dB and every other class is ≥ 6 dB quieter; **E** when every ship is below −3 dB; otherwise the window is
"mixed" (used only by the multi-label model) or skipped. Besides natural windows, *isolated* (rival-class ships
removed) and *cleared* (every audible ship removed: background-only stretches with the same weather) windows are
rendered. Multi-label targets: class k is present when one of its ships is ≥ 6 dB, absent when all are < −3 dB,
unknown (ignored in the loss) in between. **Seeds are split 70 / 15 / 15 % into train / validation / test**, so
no scenario contributes to two splits. The simulator was checked against the real recordings' statistics (spectral
slope, tonal lines, DEMON modulation, level variability; docs/simulator-realism.md) and made more realistic before
this run (cavitation lift above 100 Hz, more machinery lines, ambient level wander and clicks, busier distant shipping).

${simCountsTable(meta)}

The effective detection ranges this labelling produced (the physical check; compare ship-noise.md §6):

${truthTable(meta)}

**Real** (read at training time; DeepShip and Orcasound are never copied into the repository). Split by site *and*
vessel: only the Florida Keys SanctSound clips are trained on (each repeated ${8}× per epoch with different
augmentations); every other recording is a held-out test from another site with other vessels.${c.info.recipe.channels > 1 ? ' A 4-channel model cannot use them at all (no velocity channels): it is trained on simulation only.' : ''}

${realSetTable(meta)}${missing}
`;
}

function trainingSection(c: CnnCardInput): string {
  const { log } = c;
  const curve = log.history.map((h) => `${h.epoch}: ${h.val.toFixed(3)}`).join(', ');
  const loss = c.info.recipe.task === 'multi-label'
    ? 'binary cross-entropy per class, unknown targets masked, positive weights = negatives/positives per class (clipped 0.5–10)'
    : 'cross-entropy with inverse-frequency class weights and label smoothing 0.05';
  return `## Training procedure

PyTorch ${log.torch} (Debian \`python3-torch\`, CPU, ${log.threads} threads), training/torch/train_cnn.py: AdamW (lr ${log.lr} one-cycle,
weight decay 1e-4), batch ${log.batch}, ${log.epochs} epochs over ${log.trainRows} training windows, ${loss}. Augmentation: a
random circular time shift and a random spectral tilt of ±0.5 ln units (±4.3 dB) at the band edges (a different
hydrophone response), identical on all channels. The epoch with the best validation score (${c.info.recipe.task === 'multi-label' ? 'mean per-class F1' : 'macro F1'} on the validation scenarios) is kept:
**epoch ${log.bestEpoch}** (validation by epoch: ${curve}). Seeded (\`--seed ${log.seed}\`), deterministic algorithms, fixed
thread count: the same command on the same machine gives the same weights.

**Serving check.** The written package was loaded with \`loadModelPackage\` and run in a \`ModelHost\` child process
(onnxruntime-node) on ${log.reference.rows.length} test windows${c.info.recipe.mc ? ' with every MC unit kept' : ''}: largest difference from PyTorch **${c.maxDiff.toExponential(1)}**.
`;
}

function resultsSection(c: CnnCardInput): string {
  const e = c.evaluation;
  const ml = e.simClassF1
    ? `\n\n### Simulated held-out, multi-label targets\n\nPer-class F1 on the multi-hot SNR targets of all ${e.sim.length} test windows (mixed windows included, unknown targets ignored): ${SHIP_CLASS_IDS.map((k, i) => `${k} ${f3(e.simClassF1![i])}`).join(', ')}.`
    : '';
  const decision = c.info.recipe.task === 'multi-label'
    ? '\n\nThe single decision scored below is the most probable ship class when it reaches 0.5, else E; ECE is over every (window, class) sigmoid.'
    : '';
  const realTest = e.real.filter((r) => r.split === 'test');
  const realTrain = e.real.filter((r) => r.split === 'train');
  const realPart = e.realTest
    ? `### Real recordings, held out (other sites, other vessels)

${metricsBlock(e.realTest, '')}

${realClipTable(realTest, c.info.recipe.task)}${c.info.recipe.mc ? `\n\nMC masks are random in \`aiw analyze\`: a re-run moves these probabilities by a few hundredths.` : ''}

### Real fine-tuning clips (trained on — a fit, not a test)

${metricsBlock(e.realTrain, 'None.')}

${realClipTable(realTrain, c.info.recipe.task)}`
    : `### Real recordings\n\nNo numbers: ${e.realNote}.`;
  return `## Results${decision}

### Simulated held-out scenarios (all window kinds)

${metricsBlock(e.simTest, 'No test windows.')}

### Simulated held-out scenarios, natural windows only

${metricsBlock(e.simTestNatural, 'No natural test windows.')}${ml}

${realPart}
`;
}

function reproduceSection(c: CnnCardInput): string {
  const { info } = c;
  const id = c.manifest.id;
  const realFiles = [...new Set(info.dataset.meta.real.map((r) => r.path))];
  const cfg = info.dataset.meta.config;
  const realCmd = realFiles.length && info.recipe.channels === 1
    ? `# real recordings (every number of the two "Real" sections):
${analyzeCommandLine(realFiles, info.outDir)}
node training/score.ts predictions.jsonl --model ${id}
`
    : '';
  return `## Reproduce

\`\`\`
npm run train -- --recipe ${id} --seed ${info.seed} --scenarios ${cfg.scenarios} --windows ${cfg.windowsPerScenario} --epochs ${info.epochs}
# (npm run train -- --recipe cnn-all trains the five CNNs on one shared dataset)

# simulated held-out windows (every number of the "Simulated" sections), rendered again as 4-channel WAV files:
node training/export-sim-test.ts --model ${id} --out /tmp/sim-test
npx aiw analyze /tmp/sim-test/*.wav --model models/${id} --format jsonl --out predictions.jsonl
node training/score.ts predictions.jsonl --model ${id} --labels /tmp/sim-test/labels.csv
${realCmd}\`\`\`

**Time on this machine** (${info.machine}): dataset ${info.dataset.cached ? `reused from the cache (rendering it took ${info.dataset.meta.seconds.toFixed(0)} s, ${info.dataset.meta.cpuSeconds.toFixed(0)} s CPU)` : `${info.datasetSeconds.toFixed(0)} s (${info.dataset.meta.cpuSeconds.toFixed(0)} s CPU, shared by every recipe of the run)`};
PyTorch training of this model ${c.log.seconds.toFixed(0)} s wall / ${c.log.cpuSeconds.toFixed(0)} s CPU (${c.log.epochs} epochs); packaging, serving check
and evaluation ${c.evalSeconds.toFixed(0)} s. The two cores were shared with other work (load averages of 3–18 during these runs), so
wall times vary several-fold with the load; the CPU times are the steadier measure.
`;
}

function limitations(c: CnnCardInput): string {
  return `## Limitations

- **Simulation-trained.** Nearly everything comes from one simulator at one deep site (MARS); whatever it gets wrong —
  source spectra, propagation, ambient — the model learns as truth. Synthetic-to-real transfer is the bottleneck: the
  real-audio numbers above are far below the simulated ones${c.evaluation.realTest ? '' : ' (and absent for this model)'}.
- **Tiny real evidence.** Five real clips are trained on, ${c.evaluation.real.filter((r) => r.split === 'test').length} real windows are tested; one clip moves
  accuracy by ${c.evaluation.realTest ? pct(1 / Math.max(1, c.evaluation.realTest.total)) : 'n/a'}. No real class-A clip exists here.
- **Short clips are loop-padded** to 30 s, as the pipeline does; a long real recording is a different input.
- **Small network, small data.** Slimmed for live use (${c.latencyMs.toFixed(1)} ms per window) and trained ${c.log.epochs} epochs on ${c.log.trainRows}
  windows, so that the whole bundled set trains in about 25 CPU-minutes (training/README.md). More rendered data would
  help in simulation; whether it would help on real audio is unknown.
- **Calibration** is measured (ECE above), not corrected.
`;
}

/** The complete card. */
export function renderCnnCard(c: CnnCardInput): string {
  return [intro(c), inputSection(c), architectureSection(c), dataSection(c), trainingSection(c), resultsSection(c), reproduceSection(c), limitations(c)].join('\n');
}

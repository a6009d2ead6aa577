/**
 * Runs the full pipeline over one recorded file, offline: streaming read →
 * segmentation per model window → features → every model → rows.
 * The same featurizer and segment inference as the live stations.
 */
import type { ModelManifest } from '../../shared/model-manifest.ts';
import { readRecordings } from '../audio/recording-stream.ts';
import type { StartTimeSource } from './recording-start.ts';
import type { WindowGroup } from '../pipeline/feature-plan.ts';
import { featurizeAll } from '../pipeline/featurizer.ts';
import { predictSegment, type Infer, type ModelFailure } from '../pipeline/segment-inference.ts';
import { Segmenter, type Window } from '../pipeline/segmenter.ts';
import type { AnalyzeRow } from './row-writer.ts';

export interface FileAnalysisResult {
  segments: number;
  failures: ModelFailure[];
  startTimeSource: StartTimeSource;
}

export async function analyzeFile(
  path: string,
  groups: readonly WindowGroup[],
  models: readonly ModelManifest[],
  infer: Infer,
  emit: (row: AnalyzeRow) => void,
): Promise<FileAnalysisResult> {
  const segmenters = groups.map((g) => ({ group: g, seg: new Segmenter({ segmentSeconds: g.segmentSeconds, overlap: g.overlap }), index: 0 }));
  const failures: ModelFailure[] = [];
  let segments = 0;
  let startTimeSource: StartTimeSource = 'modification time';
  const run = async (s: (typeof segmenters)[number], windows: Window[]) => {
    for (const w of windows) {
      const features = featurizeAll(w, s.group.features);
      const result = await predictSegment(s.index, s.group.key, features, models, infer);
      failures.push(...result.failures);
      for (const p of result.predictions) emit(toRow(path, s.index, w, p));
      s.index++;
      segments++;
    }
  };
  // A file that fails part-way (truncated, NaN samples) is analysed up to there, then reported as failed.
  for await (const event of readRecordings([path])) {
    if (event.type === 'start') startTimeSource = event.source;
    else if (event.type === 'block') for (const s of segmenters) await run(s, s.seg.push(event.block).windows);
    else {
      for (const s of segmenters) await run(s, s.seg.flush());
      if (event.type === 'failed') throw event.error;
    }
  }
  return { segments, failures, startTimeSource };
}

function toRow(path: string, index: number, w: Window, p: Awaited<ReturnType<typeof predictSegment>>['predictions'][number]): AnalyzeRow {
  const u = p.uncertainty;
  return {
    file: path, segment_index: index, segment_start: new Date(w.startTime).toISOString(),
    segment_end: new Date(w.endTime).toISOString(), padded: w.padded, model_id: p.modelId, model_version: p.modelVersion,
    predicted_class: p.predictedClass, probs: Object.fromEntries(p.classes.map((c, i) => [c, p.probs[i]!])),
    entropy: u.entropy, entropy_norm: u.entropyNorm, margin: u.margin, aleatoric: u.aleatoric, epistemic: u.epistemic,
    ...(u.variance ? { variance: Object.fromEntries(p.classes.map((c, i) => [c, u.variance![i]!])) } : {}),
  };
}

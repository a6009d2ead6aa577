/**
 * Runs the full pipeline over one recorded file, offline: streaming read →
 * segmentation per model window → features → every model → rows.
 * The same featurizer and segment inference as the live stations.
 */
import type { ModelManifest } from '../../shared/model-manifest.ts';
import { probeAudio, readAudioBlocks } from '../audio/audio-file.ts';
import { recordingStart, type StartTimeSource } from './recording-start.ts';
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
  const info = await probeAudio(path);
  const start = await recordingStart(path, info.durationS);
  const segmenters = groups.map((g) => ({ group: g, seg: new Segmenter({ segmentSeconds: g.segmentSeconds, overlap: g.overlap }), index: 0 }));
  const failures: ModelFailure[] = [];
  let frames = 0;
  let segments = 0;
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
  for await (const channels of readAudioBlocks(path)) {
    const block = { startTime: start.time + (frames * 1000) / info.sampleRate, sampleRate: info.sampleRate, channels };
    frames += channels[0]!.length;
    for (const s of segmenters) await run(s, s.seg.push(block).windows);
  }
  for (const s of segmenters) await run(s, s.seg.flush());
  return { segments, failures, startTimeSource: start.source };
}

function toRow(path: string, index: number, w: Window, p: Awaited<ReturnType<typeof predictSegment>>['predictions'][number]): AnalyzeRow {
  const u = p.uncertainty;
  return {
    file: path, segment_index: index, segment_start: new Date(w.startTime).toISOString(),
    segment_end: new Date(w.endTime).toISOString(), padded: w.padded, model_id: p.modelId, model_version: p.modelVersion,
    predicted_class: p.predictedClass, probs: Object.fromEntries(p.classes.map((c, i) => [c, p.probs[i]!])),
    entropy: u.entropy, entropy_norm: u.entropyNorm, margin: u.margin, aleatoric: u.aleatoric, epistemic: u.epistemic,
  };
}

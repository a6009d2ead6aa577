/**
 * What the Models page and `aiw models list` show about a model version: its record (what the
 * analyst decided) merged with the runtime state of its host (what is actually happening).
 */
import type { ModelInfo } from '../../shared/domain.ts';
import type { ModelManifest } from '../../shared/model-manifest.ts';
import type { ModelRuntimeState } from '../inference/inference-service.ts';
import { forwardPasses } from '../inference/model-package.ts';
import type { ModelRecord } from '../storage/models-repo.ts';

/** "log-mel 160×128 @ 4 kHz, ch 0, 30 s / 25 % overlap" */
export function inputSummary(manifest: ModelManifest): string {
  const { input } = manifest;
  const f = input.feature;
  const pooled = 'pooling' in f && f.pooling === 'mean-std' ? ' mean-std' : '';
  const feature = `${f.kind}${pooled} ${input.shape.join('×')}`;
  const rate = input.sampleRate % 1000 === 0 ? `${input.sampleRate / 1000} kHz` : `${input.sampleRate} Hz`;
  const overlap = input.overlap > 0 ? ` / ${Math.round(input.overlap * 100)} % overlap` : '';
  return `${feature} @ ${rate}, ch ${input.channels.join('+')}, ${input.segmentSeconds} s${overlap}`;
}

/**
 * An active model is 'failed', with the reason, when it could not start, when its host is failed or
 * restarting, or when it failed and has not predicted successfully since (`m.failure` is cleared on
 * recovery): a model that hangs on every segment stays visibly failed between its restarts.
 */
export function toModelInfo(m: ModelRecord, runtime: ModelRuntimeState | undefined, startFailure: string | undefined): ModelInfo {
  const { manifest } = m;
  const runtimeFailed = runtime?.state === 'failed' || runtime?.state === 'restarting';
  const failure = (runtimeFailed ? runtime?.failure : undefined) ?? startFailure ?? m.failure;
  const failed = m.status === 'active' && failure !== undefined;
  const info: ModelInfo = {
    id: m.id, version: m.version, name: manifest.name, author: manifest.author, task: manifest.task,
    status: failed ? 'failed' : m.status, uncertainty: manifest.uncertainty.method,
    channels: manifest.input.channels.length, sampleRate: manifest.input.sampleRate,
    segmentSeconds: manifest.input.segmentSeconds, classes: manifest.classes.map((c) => c.classId),
    deployedAt: m.deployedAt, deployedBy: m.deployedBy, description: manifest.description,
    input: inputSummary(manifest),
    passes: forwardPasses(manifest),
  };
  if (failure !== undefined && m.status === 'active') info.failure = failure;
  if (runtime) {
    info.runtime = runtime.state;
    info.restarts = runtime.restarts;
    info.queueDepth = runtime.queueDepth;
    if (runtime.latencyMsP50 !== undefined) info.latencyMs = runtime.latencyMsP50;
    if (runtime.nextRestartAt !== undefined) info.nextRestartAt = runtime.nextRestartAt;
  }
  return info;
}

import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../shared/model-manifest.ts';
import { predictedClassOf } from './segment-inference.ts';

const manifest = (task: ModelManifest['task'], ids: string[], thresholds?: Record<string, number>) =>
  ({ task, classes: ids.map((id) => ({ label: id, classId: id })), thresholds }) as unknown as ModelManifest;

describe('predictedClassOf', () => {
  it('takes the most probable class of a multi-class model', () => {
    expect(predictedClassOf(manifest('multi-class', ['A', 'B', 'E']), [0.2, 0.3, 0.5])).toBe('E');
    expect(predictedClassOf(manifest('multi-class', ['A', 'B', 'E']), [0.4, 0.3, 0.3])).toBe('A');
  });

  it('takes the most probable class above its threshold for a multi-label model', () => {
    const m = manifest('multi-label', ['A', 'B', 'C', 'D'], { D: 0.9 });
    expect(predictedClassOf(m, [0.6, 0.1, 0.7, 0.85])).toBe('C'); // D is likelier but under its own 0.9
    expect(predictedClassOf(m, [0.6, 0.1, 0.2, 0.95])).toBe('D');
  });

  it('calls "no ship" when no label reaches its threshold', () => {
    expect(predictedClassOf(manifest('multi-label', ['A', 'B', 'C', 'D']), [0.4, 0.1, 0.49, 0.3])).toBe('E');
  });
});

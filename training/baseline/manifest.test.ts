import { describe, expect, it } from 'vitest';
import { checkFeatureShape, checkManifestConsistency } from '../../src/main/inference/model-package.ts';
import { buildManifest } from './manifest.ts';

describe('buildManifest', () => {
  it('is a valid manifest whose input shape is what the feature spec produces', () => {
    const m = buildManifest({ accuracy: 0.5 });
    expect(() => checkManifestConsistency(m)).not.toThrow();
    expect(() => checkFeatureShape(m)).not.toThrow();
    expect(m.input.shape).toEqual([64]);
    expect(m.classes.map((c) => c.classId)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(m.metrics).toEqual({ accuracy: 0.5 });
  });
});

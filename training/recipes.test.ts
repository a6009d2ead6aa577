import { describe, expect, it } from 'vitest';
import { SEED_LOG_MEL } from '../src/main/dsp/presets.ts';
import { checkFeatureShape } from '../src/main/inference/model-package.ts';
import { featureRequestOf } from '../src/main/pipeline/feature-plan.ts';
import { featurize } from '../src/main/pipeline/featurizer.ts';
import { createRng } from './baseline/prng.ts';
import { buildCnnManifest, CNN_RECIPES, MC_UNITS, selectCnnRecipes } from './recipes.ts';

describe('CNN recipes', () => {
  it('build valid manifests whose declared shape is what the DSP computes from SEED_LOG_MEL at 4 kHz', () => {
    for (const recipe of CNN_RECIPES) {
      const m = buildCnnManifest(recipe);
      expect(() => checkFeatureShape(m)).not.toThrow();
      expect(m.input.feature).toEqual(SEED_LOG_MEL);
      expect(m.input.shape).toEqual([recipe.channels, 160, 128]);
      expect(m.classes.map((c) => c.classId)).toEqual(recipe.task === 'multi-label' ? ['A', 'B', 'C', 'D'] : ['A', 'B', 'C', 'D', 'E']);
      expect(m.uncertainty).toEqual(recipe.mc ? { method: 'mc-dropout', passes: 30, maskInput: 'mask', maskShape: [MC_UNITS], rate: 0.3 } : { method: 'none' });
    }
  });

  it('select by name, all at once, or refuse an unknown name', () => {
    expect(selectCnnRecipes('cnn-all')).toHaveLength(5);
    expect(selectCnnRecipes('seed-cnn-mc-4ch').map((r) => r.id)).toEqual(['seed-cnn-mc-4ch']);
    expect(() => selectCnnRecipes('resnet')).toThrow(/unknown recipe "resnet"/);
  });

  it('the 1-channel input is exactly plane 0 of the 4-channel input (the dataset stores only the latter)', () => {
    const rng = createRng(4);
    const channels = Array.from({ length: 4 }, () => Float32Array.from({ length: 8000 * 30 }, () => (rng() - 0.5) * 0.01 + 0.03));
    const window = { startTime: 0, endTime: 30_000, sampleRate: 8000, channels, padded: false };
    const one = featurize(window, featureRequestOf(buildCnnManifest(CNN_RECIPES[0]!)));
    const four = featurize(window, featureRequestOf(buildCnnManifest(CNN_RECIPES[1]!)));
    expect(four.length).toBe(4 * one.length);
    expect(Array.from(four.subarray(0, one.length))).toEqual(Array.from(one));
  });
});

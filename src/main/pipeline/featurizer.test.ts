import { describe, expect, it } from 'vitest';
import { modelManifestSchema, type ModelManifest } from '../../shared/model-manifest.ts';
import { sine } from '../dsp/test-signals.ts';
import { featureRequestOf, planFeatures } from './feature-plan.ts';
import { conditionChannel, featurize, featurizeAll, resolveChannels } from './featurizer.ts';
import type { Window } from './segmenter.ts';

function manifest(input: Record<string, unknown>): ModelManifest {
  return modelManifestSchema.parse({
    formatVersion: 1, id: 'm', name: 'm', version: '1.0.0', author: 't', task: 'multi-class',
    classes: [{ label: 'a', classId: 'A' }, { label: 'b', classId: 'B' }],
    input: {
      name: 'x', sampleRate: 4000, channels: [0], segmentSeconds: 1, feature: { kind: 'waveform' }, shape: [4000], layout: 'flat',
      ...input,
    },
    output: { name: 'y' },
  });
}

function window(channels: Float32Array[], sampleRate = 8000): Window {
  return { startTime: 0, endTime: 1000, sampleRate, channels, padded: false };
}

describe('channel count', () => {
  it('a model needing more channels than the recording has says so in counts, not 0-based indices', () => {
    const fourChannel = manifest({ channels: [0, 1, 2, 3], shape: [4, 4000], layout: 'channels-first' });
    const mono = window([sine(8000, 300, 8000)]);
    expect(() => featurize(mono, featureRequestOf(fourChannel))).toThrow(
      'model needs 4 channels (input.channels 0, 1, 2, 3, 0 = first) but the recording has 1 channel',
    );
  });
});

describe('conditioning', () => {
  it('removes a DC offset and applies gain, leaving the window untouched', () => {
    const x = sine(8000, 200, 8000, 0.1).map((v) => v + 0.03);
    const y = conditionChannel(x, 8000, { highPassHz: 5, gainDb: 20 });
    expect(x[100]).toBeCloseTo(0.03 + 0.1 * Math.sin((2 * Math.PI * 200 * 100) / 8000), 6);
    const tail = y.subarray(4000);
    expect(Math.abs(tail.reduce((a, b) => a + b, 0) / tail.length)).toBeLessThan(1e-3);
    expect(Math.max(...tail)).toBeCloseTo(1, 1); // 0.1 × 10 (+20 dB)
    expect(conditionChannel(x, 8000, undefined)).toBe(x);
    expect(conditionChannel(x, 8000, { gainDb: 0 })).toBe(x);
  });

  it('is part of the feature: the manifest block changes the model input and its key', () => {
    const plain = manifest({});
    const conditioned = manifest({ conditioning: { highPassHz: 5, gainDb: -6 } });
    expect(featureRequestOf(plain).key).not.toBe(featureRequestOf(conditioned).key);
    const w = window([sine(8000, 300, 8000, 0.5).map((v) => v + 0.2)]);
    const a = featurize(w, featureRequestOf(plain));
    const b = featurize(w, featureRequestOf(conditioned));
    const mean = (v: Float32Array) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(mean(a)).toBeCloseTo(0.2, 2);
    expect(Math.abs(mean(b.subarray(2000)))).toBeLessThan(0.01);
  });
});

describe('channel mapping', () => {
  const layout = ['pressure', 'x', 'y', 'z'];

  it('resolves channel names against the station layout, else uses the indices', () => {
    expect(resolveChannels({ channels: [0, 1], channelNames: ['z', 'pressure'] }, layout)).toEqual([3, 0]);
    expect(resolveChannels({ channels: [0, 1], channelNames: ['z', 'pressure'] })).toEqual([0, 1]);
    expect(() => resolveChannels({ channels: [0], channelNames: ['w'] }, layout)).toThrow(/channel "w" but the station's channels are pressure, x, y, z/);
  });

  it('feeds the named channels; an unknown name fails that model on every segment, not the plan', () => {
    const channels = [0, 1, 2, 3].map((c) => Float32Array.from({ length: 8000 }, () => c));
    const m = manifest({ sampleRate: 8000, channels: [0], channelNames: ['y'], shape: [8000] });
    const [group] = planFeatures([m], layout);
    const result = featurizeAll(window(channels), group!.features);
    const only = [...result.values()][0]!;
    expect(only.ok && only.data[5]).toBe(2);
    const bad = featurizeAll(window(channels), planFeatures([m], ['pressure'])[0]!.features);
    expect([...bad.values()][0]).toMatchObject({ ok: false, code: 'AUDIO_UNSUPPORTED' });
    expect(featureRequestOf(m).key).toBe(group!.features[0]!.key); // segment-inference finds it again
  });

  it('the manifest refuses channelNames of another length than channels', () => {
    expect(() => manifest({ channels: [0, 1], channelNames: ['pressure'] })).toThrow(/channelNames must name as many channels/);
  });
});

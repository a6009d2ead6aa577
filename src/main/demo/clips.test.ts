import { describe, expect, it } from 'vitest';
import { DemoStation } from './demo-station.ts';
import { ClipMixer, loadDemoClips, QUIET_RADIUS_M, type RealClip } from './clips.ts';
import { parseCsv } from '../../shared/csv.ts';
import { MARS_SENSOR } from './scenario.ts';

const T0 = Date.UTC(2025, 0, 1);

describe('parseCsv', () => {
  it('handles quoted fields with commas and escaped quotes', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\r\n1,2\n')).toEqual([
      { a: 'x, y', b: 'say "hi"' },
      { a: '1', b: '2' },
    ]);
  });
});

describe('loadDemoClips', () => {
  it('reads the bundled SanctSound clips with their labels', async () => {
    const clips = await loadDemoClips();
    expect(clips).toHaveLength(8);
    expect(clips.filter((c) => c.label === 'vessel').map((c) => c.classId).sort()).toEqual(['B', 'B', 'D']);
    const rain = clips.find((c) => c.name.includes('rain'))!;
    expect(rain.label).toBe('non-vessel');
    expect(rain.sampleRate).toBe(48_000);
    expect(rain.samples.length).toBeGreaterThan(200_000);
  });
});

describe('clip mixing', () => {
  /** A 5 s 440 Hz "non-vessel" clip and a vessel clip that must never be used. */
  const tone = Float32Array.from({ length: 5 * 48_000 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 48_000));
  const clips: RealClip[] = [
    { name: 'tone', sampleRate: 48_000, samples: tone, label: 'non-vessel' },
    { name: 'ship', sampleRate: 48_000, samples: tone, label: 'vessel', classId: 'D' },
  ];

  it('mixes only non-vessel clips, only where no ship is within the quiet radius', () => {
    const station = new DemoStation({ seed: 2, startTime: T0, clips });
    const events = station.clipEvents(T0, T0 + 12 * 3_600_000);
    expect(events.length).toBeGreaterThan(2);
    for (const e of events) {
      expect(e.name).toBe('tone');
      for (const t of [e.startTime, (e.startTime + e.endTime) / 2, e.endTime]) {
        expect(station.truthAt(t).every((s) => s.rangeM >= QUIET_RADIUS_M)).toBe(true);
      }
    }
  });

  it('puts the resampled clip into the audio with faded edges and nothing outside it', () => {
    const empty = { seed: 1, startTime: T0, durationMs: 1, sensor: MARS_SENSOR, ships: [] };
    const station = new DemoStation({ seed: 2, ambient: false, scenario: empty, clips });
    const [e] = station.clipEvents(T0, T0 + 6 * 3_600_000);
    const audio = station.render(e.startTime - 1000, 7000).channels[0];
    const rms = (a: number, b: number) => Math.sqrt(audio.subarray(a, b).reduce((s, v) => s + v * v, 0) / (b - a));
    expect(rms(0, 7000)).toBe(0);
    expect(rms(8000 + 8000, 8000 + 32_000)).toBeGreaterThan(1e-4);
    expect(Math.abs(audio[8001])).toBeLessThan(rms(16_000, 40_000) * 0.05);
    expect(rms(49_000, 56_000)).toBe(0);
  });

  it('resamples with the dsp resampler to the station rate', () => {
    const mixer = new ClipMixer([clips[0]], { seed: 1, sampleRate: 8000, isQuiet: () => true, ambientRmsAt: () => 1 });
    const event = Array.from({ length: 50 }, (_, b) => mixer.eventInBucket(b)).find((e) => e !== null)!;
    expect(event.length).toBeGreaterThanOrEqual(39_990);
    expect(event.length).toBeLessThanOrEqual(40_010);
  });
});

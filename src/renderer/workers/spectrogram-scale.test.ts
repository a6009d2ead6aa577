import { describe, expect, it } from 'vitest';
import { axisTicks, frequencyAxis, rangeLut, rowBins } from './spectrogram-scale.ts';

describe('frequency axes', () => {
  it('linear maps ends to 0 and 1 and rows to the nearest bin', () => {
    const axis = frequencyAxis(0, 4000, 'linear');
    expect([axis.toUnit(0), axis.toUnit(2000), axis.toUnit(4000)]).toEqual([0, 0.5, 1]);
    const rows = rowBins(4, 513, 4000, axis);
    // Row centres at 3500, 2500, 1500, 500 Hz; bins are 7.8125 Hz apart.
    expect(Array.from(rows)).toEqual([448, 320, 192, 64]);
  });

  it('log and mel give low frequencies more rows; outside the data is −1', () => {
    const log = frequencyAxis(0, 4000, 'log');
    expect(log.fMin).toBe(10);
    expect(log.fromUnit(0.5)).toBeCloseTo(Math.sqrt(10 * 4000), 6);
    const mel = frequencyAxis(0, 4000, 'mel');
    expect(mel.fromUnit(mel.toUnit(1234))).toBeCloseTo(1234, 6);
    expect(mel.fromUnit(0.5)).toBeLessThan(2000);
    const logRows = Array.from(rowBins(100, 513, 4000, log));
    expect(logRows.filter((b) => b < 64).length).toBeGreaterThan(50); // below 500 Hz: over half the rows
    expect(Array.from(rowBins(3, 513, 4000, frequencyAxis(0, 8000, 'linear')))).toEqual([-1, 512, 171]); // row centres 6667, 4000, 1333 Hz
  });

  it('ticks: round linear steps, 1-2-5 decades on log and mel axes', () => {
    expect(axisTicks(frequencyAxis(0, 4000, 'linear'), 8)).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000]);
    expect(axisTicks(frequencyAxis(100, 600, 'linear'), 5)).toEqual([100, 200, 300, 400, 500, 600]);
    expect(axisTicks(frequencyAxis(10, 4000, 'log'), 8)).toEqual([10, 20, 50, 100, 200, 500, 1000, 2000]);
    const melTicks = axisTicks(frequencyAxis(0, 4000, 'mel'), 6);
    expect(melTicks[0]).toBe(1);
    expect(melTicks.at(-1)).toBeLessThanOrEqual(4000);
  });
});

describe('rangeLut', () => {
  it('restretches the colour map over the view dB range', () => {
    const base = Uint32Array.from({ length: 256 }, (_, i) => i);
    // Data −110…−35 dB; view −80…−40 dB: −110 dB clamps to colour 0, −35 dB to 255, −60 dB → 128.
    const lut = rangeLut(base, -110, -35, -80, -40);
    expect(lut[0]).toBe(0);
    expect(lut[255]).toBe(255);
    const b = Math.round(((-60 + 110) / 75) * 255);
    expect(lut[b]).toBeCloseTo(128, -1);
    expect(Array.from(rangeLut(base, -110, -35, -110, -35))).toEqual(Array.from(base));
  });
});

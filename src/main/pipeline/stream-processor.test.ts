import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DISPLAY_FFT_SIZE } from '../../shared/spectrogram-display.ts';
import { openDatabase, type Db } from '../storage/database.ts';
import { createSettingsRepo } from '../storage/settings-repo.ts';
import { displayConfig, displayFftSize, storeDisplayFftSize } from './display-settings.ts';
import { SpectrogramRing } from './spectrogram-ring.ts';
import type { ColumnsMessage, FromStationWorker } from './station-protocol.ts';
import { StreamProcessor, setDisplayOnThread } from './stream-processor.ts';

const RATE = 8000;
/** One second of a 1 kHz sine at −50 dBFS (inside the display range, so its peak bin is not clipped) from `startTime`. */
const second = (startTime: number) => ({
  startTime, sampleRate: RATE, channels: [Float32Array.from({ length: RATE }, (_, i) => 0.00316 * Math.sin((2 * Math.PI * 1000 * (startTime / 1000 * RATE + i)) / RATE))],
});

function collect(): { processor: StreamProcessor; columns: ColumnsMessage[] } {
  const columns: ColumnsMessage[] = [];
  const emit = (m: FromStationWorker) => void (m.type === 'columns' && columns.push(m));
  return { processor: new StreamProcessor(displayConfig(1024), emit), columns };
}

/** The bin holding the most energy in a column. */
const peakBin = (c: ColumnsMessage) => c.data.subarray(0, c.bins).reduce((best, v, i, a) => (v > a[best]! ? i : best), 0);

describe('display FFT size', () => {
  it('changes the bins and the column length of the live columns from the next block on', () => {
    const { processor, columns } = collect();
    processor.process(second(0));
    expect(columns.at(-1)).toMatchObject({ bins: 513, columnMs: 64, fMaxHz: 4000 });
    expect(peakBin(columns.at(-1)!)).toBe(128); // 1 kHz at 7.8125 Hz per bin
    processor.setDisplay(displayConfig(256));
    processor.process(second(1000));
    const small = columns.at(-1)!;
    expect(small).toMatchObject({ bins: 129, columnMs: 16, startTime: 1000 });
    expect(small.columns).toBe(Math.floor((RATE - 256) / 128) + 1);
    expect(small.data.length).toBe(small.columns * 129);
    expect(peakBin(small)).toBe(32); // 1 kHz at 31.25 Hz per bin
  });

  it("reaches the processor a worker's source created (set-display on the worker thread)", () => {
    const { processor, columns } = collect();
    processor.process(second(0));
    setDisplayOnThread(displayConfig(4096));
    processor.process(second(1000));
    processor.process(second(2000));
    expect(columns.at(-1)).toMatchObject({ bins: 2049, columnMs: 256 });
    expect(peakBin(columns.at(-1)!)).toBe(512);
  });
});

describe('display gap tolerance', () => {
  /** Start times of the columns messages for one second at 0 and one at 3000 ms (a 2-s gap). */
  function startsAcrossGap(gapToleranceMs?: number): number[] {
    const columns: ColumnsMessage[] = [];
    const emit = (m: FromStationWorker) => void (m.type === 'columns' && columns.push(m));
    const processor = new StreamProcessor(displayConfig(1024), emit, gapToleranceMs === undefined ? {} : { gapToleranceMs });
    processor.process(second(0));
    processor.process(second(3000));
    return columns.map((c) => c.startTime);
  }

  it("uses the station's gapToleranceMs, as the segmenters do: a 2-s gap within 10 s continues the display stream", () => {
    // 14 columns of 64 ms from the first second; continuing, the next ones follow at 896 ms.
    expect(startsAcrossGap(10_000)).toEqual([0, 896]);
  });

  it('restarts the display at a gap beyond the tolerance (default 50 ms)', () => {
    expect(startsAcrossGap()).toEqual([0, 3000]);
    expect(startsAcrossGap(1000)).toEqual([0, 3000]);
  });
});

describe('SpectrogramRing', () => {
  const chunk = (startTime: number, bins: number, columnMs: number, columns: number): ColumnsMessage => ({
    type: 'columns', startTime, columnMs, bins, columns, fMaxHz: 4000, dbFloor: -110, dbCeil: -35, data: new Uint8Array(bins * columns).fill(bins % 256),
  });

  it('keeps a span of time whatever the column length, and starts over when the geometry changes', () => {
    const ring = new SpectrogramRing(60_000);
    for (let t = 0; t < 120_000; t += 1024) ring.add(chunk(t, 129, 16, 64));
    const recent = ring.recent('s', 3600)!;
    expect(recent.columns * 16).toBeGreaterThanOrEqual(60_000);
    expect(recent.columns * 16).toBeLessThan(62_000);
    ring.add(chunk(120_000, 513, 64, 16));
    const after = ring.recent('s', 3600)!;
    expect(after).toMatchObject({ bins: 513, columns: 16, startTime: 120_000, columnMs: 64 });
    expect(Buffer.from(after.data, 'base64').length).toBe(16 * 513);
  });
});

describe('display settings', () => {
  let dir: string | undefined;
  let db: Db | undefined;
  afterEach(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps an FFT size per station, hop = nFft / 2, and falls back to the default for anything not offered', () => {
    dir = mkdtempSync(join(tmpdir(), 'display-settings-'));
    db = openDatabase(join(dir, 'aiw.db'));
    const settings = createSettingsRepo(db);
    expect(displayFftSize(settings, 'a')).toBe(DEFAULT_DISPLAY_FFT_SIZE);
    storeDisplayFftSize(settings, 'a', 2048);
    expect(displayFftSize(settings, 'a')).toBe(2048);
    expect(displayFftSize(settings, 'b')).toBe(DEFAULT_DISPLAY_FFT_SIZE);
    expect(displayConfig(2048)).toMatchObject({ nFft: 2048, hop: 1024 });
    storeDisplayFftSize(settings, 'a', 300);
    expect(displayFftSize(settings, 'a')).toBe(DEFAULT_DISPLAY_FFT_SIZE);
  });
});

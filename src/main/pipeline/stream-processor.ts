/**
 * What a station does with each block of audio, independent of where the block
 * came from: display spectrogram columns, windows per model group, model features.
 */
import { DisplaySpectrogram, quantizeDb } from '../dsp/display-spectrogram.ts';
import { featurizeAll } from './featurizer.ts';
import type { WindowGroup } from './feature-plan.ts';
import { DEFAULT_GAP_TOLERANCE_MS, Segmenter, type AudioBlock } from './segmenter.ts';
import { streamConditionerFor, type StreamConditioner } from './stream-conditioner.ts';
import type { Conditioning } from '../../shared/feature-spec.ts';
import type { ColumnsMessage, DisplayConfig, FromStationWorker, SegmentMessage } from './station-protocol.ts';

/**
 * The processors of this thread. A station worker runs one station, but its source (demo or
 * files) creates the processor itself; a 'set-display' message reaches it through here.
 */
const threadProcessors = new Set<WeakRef<StreamProcessor>>();

/** Applies new display settings to every stream processor of this thread (see 'set-display'). */
export function setDisplayOnThread(config: DisplayConfig): void {
  for (const ref of threadProcessors) {
    const processor = ref.deref();
    if (processor) processor.setDisplay(config);
    else threadProcessors.delete(ref);
  }
}

/** Stream-level signal settings of a station (files stations; the demo uses the defaults). */
export interface StreamOptions {
  /** Files closer than this continue the stream (default 50 ms); see Segmenter. */
  readonly gapToleranceMs?: number;
  /** Applied to every channel before the display and the models (station-wide conditioning). */
  readonly conditioning?: Conditioning;
}

export class StreamProcessor {
  #display: DisplaySpectrogram | undefined;
  #displayCursor = 0;
  /** Where the next block should start; a block elsewhere (a gap between files) restarts the display. */
  #displayExpected: { time: number; sampleRate: number } | undefined;
  #groups: { group: WindowGroup; segmenter: Segmenter }[] = [];
  #config: DisplayConfig;
  readonly #emit: (msg: FromStationWorker) => void;
  readonly #gapToleranceMs: number | undefined;
  readonly #conditioner: StreamConditioner | undefined;
  /** The recording being read (files stations), announced to segmenters created later too. */
  #recording: { startTime: number; endTime: number; recordingId?: number } | undefined;

  constructor(config: DisplayConfig, emit: (msg: FromStationWorker) => void, stream: StreamOptions = {}) {
    this.#config = config;
    this.#emit = emit;
    this.#gapToleranceMs = stream.gapToleranceMs;
    this.#conditioner = streamConditionerFor(stream.conditioning, stream.gapToleranceMs);
    threadProcessors.add(new WeakRef(this));
  }

  /**
   * Changes the display settings: the next block starts a new display spectrogram (the samples
   * of the current one not yet in a column, under one column, are dropped).
   */
  setDisplay(config: DisplayConfig): void {
    this.#config = config;
    this.#display = undefined;
  }

  setGroups(groups: readonly WindowGroup[]): void {
    const existing = new Map(this.#groups.map((g) => [g.group.key, g.segmenter]));
    this.#groups = groups.map((group) => ({ group, segmenter: existing.get(group.key) ?? this.#newSegmenter(group) }));
  }

  #newSegmenter(group: WindowGroup): Segmenter {
    const segmenter = new Segmenter({ segmentSeconds: group.segmentSeconds, overlap: group.overlap, gapToleranceMs: this.#gapToleranceMs });
    const r = this.#recording;
    if (r) segmenter.beginRecording(r.startTime, r.endTime, r.recordingId);
    return segmenter;
  }

  /** Announces the recording the next blocks come from: overlaps with the stream are trimmed, segments name it. */
  beginRecording(startTime: number, endTime: number, recordingId?: number): void {
    this.#recording = { startTime, endTime, recordingId };
    for (const { segmenter } of this.#groups) segmenter.beginRecording(startTime, endTime, recordingId);
  }

  process(input: AudioBlock): void {
    const block = this.#conditioner?.process(input) ?? input;
    this.#displayColumns(block);
    for (const { group, segmenter } of this.#groups) {
      const { windows, gap } = segmenter.push(block);
      // A block earlier than the stream (recordings taken newest-first) restarts it; only forward jumps are gaps.
      if (gap && gap.endTime > gap.startTime) this.#emit({ type: 'gap', ...gap });
      for (const w of windows) this.#emit(this.#segment(group, w));
    }
  }

  #segment(group: WindowGroup, w: { startTime: number; endTime: number; sampleRate: number; padded: boolean; recordingId?: number } & Parameters<typeof featurizeAll>[0]): SegmentMessage {
    const features = featurizeAll(w, group.features);
    return {
      type: 'segment', groupKey: group.key, startTime: w.startTime, endTime: w.endTime,
      sampleRate: w.sampleRate, padded: w.padded, ...(w.recordingId === undefined ? {} : { recordingId: w.recordingId }),
      features: [...features],
    };
  }

  #displayColumns(block: AudioBlock): void {
    const { nFft, hop, dbFloor, dbCeil } = this.#config;
    const expected = this.#displayExpected;
    // The same tolerance as the segmenters: files the models see as one stream are one display stream.
    const tolerance = this.#gapToleranceMs ?? DEFAULT_GAP_TOLERANCE_MS;
    if (!this.#display || !expected || expected.sampleRate !== block.sampleRate || Math.abs(expected.time - block.startTime) > tolerance) {
      this.#display = new DisplaySpectrogram({ sampleRate: block.sampleRate, nFft, hop, channel: 0 });
      this.#displayCursor = block.startTime;
    }
    this.#displayExpected = { time: block.startTime + (block.channels[0]!.length * 1000) / block.sampleRate, sampleRate: block.sampleRate };
    const out = this.#display.push(block.channels[0]!);
    if (out.columns === 0) return;
    const columnMs = (hop * 1000) / block.sampleRate;
    const msg: ColumnsMessage = {
      type: 'columns', startTime: this.#displayCursor, columnMs, bins: out.bins, columns: out.columns,
      fMaxHz: block.sampleRate / 2, dbFloor, dbCeil, data: quantizeDb(out.db, dbFloor, dbCeil),
    };
    this.#displayCursor += out.columns * columnMs;
    this.#emit(msg);
  }
}

/**
 * AIS ingest: every source hands its observations here. Positions pass the plausibility gate
 * (`fixIssue`, plus a jump check against the vessel's previous fix), static data is merged per MMSI
 * and written only when it changes; accepted records are batched into one transaction.
 *
 * Rejects are counted per reason and logged with a sample (rate-limited). The queue is bounded: if
 * storage falls behind (or fails), new records are dropped and counted, never buffered without end.
 */
import type { Logger } from '../app/logger.ts';
import { distanceM } from '../demo/geo.ts';
import type { AisStore, StoredFix } from './ingest-store.ts';
import { compactStatic, observationsOf, type Observation, type PositionFix, type StaticUpdate } from './observation.ts';
import type { DecodedMessage } from './types.ts';
import { fixIssue, type PlausibilityLimits, type PositionIssue } from './validate.ts';

/** Why the ingest refused a position (the decoder's reasons plus the ingest's own). */
export type RejectReason = PositionIssue | 'bad-time' | 'position-jump';

/** Ingest options. */
export interface AisIngestOptions {
  store: AisStore;
  logger: Logger;
  limits?: PlausibilityLimits & { maxJumpKnots?: number };
  /** Flush when this many records wait (default 5,000). */
  batchSize?: number;
  /** Most records held while storage fails or lags; beyond it new ones are dropped (default 100,000). */
  maxQueue?: number;
  /** Flush period (ms) for trickling sources (default 250). */
  flushIntervalMs?: number;
}

/** Counters of one source (or of everything). */
export interface IngestCounts {
  positions: number;
  statics: number;
  rejected: number;
  dropped: number;
}

/** Ingest-wide counters. */
export interface IngestStats extends IngestCounts {
  written: number;
  batches: number;
  writeErrors: number;
  queued: number;
  rejectedBy: Partial<Record<RejectReason, number>>;
}

const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);
const JUMP_WINDOW_MS = 600_000;
const JUMP_MIN_M = 2_000;
const SAMPLE_LOG_MS = 60_000;
const CACHE_LIMIT = 200_000;
const KNOT = 1852 / 3600;

interface LastFix { time: number; lat: number; lon: number }

/** The one ingest of a running workstation. */
export class AisIngest {
  readonly #o: Required<Omit<AisIngestOptions, 'limits'>> & Pick<AisIngestOptions, 'limits'>;
  #fixes: StoredFix[] = [];
  #minutes: StoredFix[] = [];
  #statics = new Map<number, StaticUpdate>();
  readonly #lastFix = new Map<number, LastFix>();
  readonly #jumpCandidate = new Map<number, LastFix>();
  readonly #lastMinute = new Map<number, number>();
  readonly #staticCache = new Map<number, StaticUpdate>();
  readonly #perSource = new Map<string, IngestCounts>();
  readonly #totals: IngestStats = { positions: 0, statics: 0, rejected: 0, dropped: 0, written: 0, batches: 0, writeErrors: 0, queued: 0, rejectedBy: {} };
  readonly #lastSampleLog = new Map<string, number>();
  readonly #drainListeners = new Set<() => void>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: AisIngestOptions) {
    this.#o = { batchSize: 5_000, maxQueue: 100_000, flushIntervalMs: 250, ...options };
  }

  /** Starts the periodic flush. */
  start(): void {
    this.#timer ??= setInterval(() => this.flush(), this.#o.flushIntervalMs);
    this.#timer.unref();
  }

  /** Flushes what is queued and stops the timer. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.flush();
  }

  /** Ingests a decoded NMEA message received at `time` from the source `source`. */
  acceptMessage(message: DecodedMessage, time: number, source: string): void {
    for (const o of observationsOf(message, time, source)) this.accept(o, source);
  }

  /** Ingests one observation; `counter` names the source it is counted under. */
  accept(o: Observation, counter: string = o.kind === 'position' ? o.fix.source : o.data.source): void {
    const counts = this.#counts(counter);
    if (this.#queued() >= this.#o.maxQueue) {
      counts.dropped++;
      this.#totals.dropped++;
      return;
    }
    if (o.kind === 'static') this.#acceptStatic(o.data, counts);
    else this.#acceptFix(o.fix, counts, counter);
    if (this.#queued() >= this.#o.batchSize) this.flush();
  }

  /** True while the queue is above half its bound: pausable sources should pause until `onDrain`. */
  get congested(): boolean {
    return this.#queued() >= this.#o.maxQueue / 2;
  }

  /** Calls `listener` after each successful flush; returns the unsubscribe function. */
  onDrain(listener: () => void): () => void {
    this.#drainListeners.add(listener);
    return () => this.#drainListeners.delete(listener);
  }

  /** Writes everything queued in one transaction; on failure keeps it queued (bounded) and counts. */
  flush(): void {
    if (this.#queued() === 0) return;
    const batch = { fixes: this.#fixes, minutes: this.#minutes, statics: [...this.#statics.values()] };
    try {
      this.#o.store.write(batch);
    } catch (err) {
      this.#totals.writeErrors++;
      this.#sample('write-failed', String(err));
      return;
    }
    this.#fixes = [];
    this.#minutes = [];
    this.#statics = new Map();
    this.#totals.written += batch.fixes.length + batch.statics.length;
    this.#totals.batches++;
    for (const listener of this.#drainListeners) listener();
  }

  /** Counters of one source (zeros when it delivered nothing yet). */
  countsOf(source: string): IngestCounts {
    return { ...(this.#perSource.get(source) ?? { positions: 0, statics: 0, rejected: 0, dropped: 0 }) };
  }

  /** Ingest-wide counters. */
  stats(): IngestStats {
    return { ...this.#totals, queued: this.#queued(), rejectedBy: { ...this.#totals.rejectedBy } };
  }

  #queued(): number {
    return this.#fixes.length + this.#statics.size;
  }

  #counts(source: string): IngestCounts {
    let c = this.#perSource.get(source);
    if (c === undefined) this.#perSource.set(source, (c = { positions: 0, statics: 0, rejected: 0, dropped: 0 }));
    return c;
  }

  #acceptFix(fix: PositionFix, counts: IngestCounts, counter: string): void {
    const issue = this.#issue(fix);
    if (issue !== null) {
      counts.rejected++;
      this.#totals.rejected++;
      this.#totals.rejectedBy[issue] = (this.#totals.rejectedBy[issue] ?? 0) + 1;
      this.#sample(issue, `${counter}: ${JSON.stringify(fix)}`);
      return;
    }
    const stored = fix as StoredFix;
    this.#fixes.push(stored);
    this.#remember(this.#lastFix, fix.mmsi, { time: fix.time, lat: stored.lat, lon: stored.lon });
    const minute = Math.floor(fix.time / 60_000);
    if (this.#lastMinute.get(fix.mmsi) !== minute) {
      this.#remember(this.#lastMinute, fix.mmsi, minute);
      this.#minutes.push(stored);
    }
    counts.positions++;
    this.#totals.positions++;
  }

  #issue(fix: PositionFix): RejectReason | null {
    if (!Number.isFinite(fix.time) || fix.time < MIN_TIME || fix.time > MAX_TIME) return 'bad-time';
    const issue = fixIssue({ type: fix.msgType, mmsi: fix.mmsi, lat: fix.lat, lon: fix.lon, speed: fix.sog, course: fix.cog, second: fix.second }, this.#o.limits);
    if (issue !== null) return issue;
    return this.#isJump(fix as StoredFix) ? 'position-jump' : null;
  }

  /**
   * A fix implying a speed far above any ship's, relative to the vessel's last accepted fix, is a jump.
   * Two mutually consistent fixes beat one, so a bad *previous* fix cannot lock a vessel out.
   */
  #isJump(fix: StoredFix): boolean {
    const last = this.#lastFix.get(fix.mmsi);
    if (last === undefined || !this.#jumps(last, fix)) return false;
    const candidate = this.#jumpCandidate.get(fix.mmsi);
    this.#remember(this.#jumpCandidate, fix.mmsi, { time: fix.time, lat: fix.lat, lon: fix.lon });
    const stale = candidate === undefined || Math.abs(fix.time - candidate.time) > JUMP_WINDOW_MS;
    return stale || this.#jumps(candidate, fix);
  }

  #jumps(a: LastFix, b: LastFix): boolean {
    const dt = Math.abs(b.time - a.time);
    if (dt > JUMP_WINDOW_MS) return false;
    const d = distanceM(a, b);
    const maxKnots = this.#o.limits?.maxJumpKnots ?? 100;
    return d > JUMP_MIN_M && d / Math.max(dt / 1000, 1) > maxKnots * KNOT;
  }

  #acceptStatic(update: StaticUpdate, counts: IngestCounts): void {
    if (!Number.isInteger(update.mmsi) || update.mmsi < 1 || update.mmsi > 999_999_999) {
      counts.rejected++;
      this.#totals.rejected++;
      return;
    }
    const known = this.#staticCache.get(update.mmsi) ?? this.#o.store.loadStatic(update.mmsi);
    const merged = compactStatic({ ...known, ...update });
    if (known !== undefined && sameStatic(known, merged)) {
      this.#remember(this.#staticCache, update.mmsi, known);
      return;
    }
    this.#remember(this.#staticCache, update.mmsi, merged);
    this.#statics.set(update.mmsi, merged);
    counts.statics++;
    this.#totals.statics++;
  }

  /** Map set with a size bound (oldest key evicted): caches must not grow with every MMSI ever heard. */
  #remember<V>(map: Map<number, V>, key: number, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > CACHE_LIMIT) map.delete(map.keys().next().value as number);
  }

  #sample(reason: string, detail: string): void {
    const now = Date.now();
    if (now - (this.#lastSampleLog.get(reason) ?? 0) < SAMPLE_LOG_MS) return;
    this.#lastSampleLog.set(reason, now);
    const count = reason in this.#totals.rejectedBy ? this.#totals.rejectedBy[reason as RejectReason] : this.#totals.writeErrors;
    this.#o.logger.warn(`AIS ${reason} (${count} so far), sample: ${detail.slice(0, 300)}`);
  }
}

const STATIC_FIELDS = [
  'name', 'callsign', 'imo', 'shipType', 'designation', 'deadweightT', 'toBow', 'toStern', 'toPort', 'toStarboard', 'lengthM', 'beamM', 'draughtM', 'destination', 'eta', 'transponder',
] as const;

/** Static records equal in everything but reception time and source. */
export function sameStatic(a: StaticUpdate, b: StaticUpdate): boolean {
  return STATIC_FIELDS.every((k) => a[k] === b[k]);
}

import { describe, expect, it } from 'vitest';
import { silentLogger } from '../app/logger.ts';
import { AisIngest } from './ingest.ts';
import type { AisStore, IngestBatch } from './ingest-store.ts';
import type { PositionFix, StaticUpdate } from './observation.ts';

function memoryStore(fail = () => false) {
  const batches: IngestBatch[] = [];
  const store: AisStore = {
    write: (b) => {
      if (fail()) throw new Error('disk full');
      batches.push({ fixes: [...b.fixes], minutes: [...b.minutes], statics: [...b.statics] });
    },
    loadStatic: () => undefined,
  };
  return { store, batches, fixes: () => batches.flatMap((b) => b.fixes), statics: () => batches.flatMap((b) => b.statics) };
}

const T0 = Date.UTC(2024, 0, 1);
const fix = (over: Partial<PositionFix> = {}): PositionFix => ({
  mmsi: 366053209, time: T0, lat: 36.7, lon: -122.2, sog: 10, cog: 90, heading: 91, msgType: 1, source: 's', ...over,
});
const position = (over: Partial<PositionFix> = {}) => ({ kind: 'position' as const, fix: fix(over) });
const statics = (over: Partial<StaticUpdate> = {}) => ({ kind: 'static' as const, data: { mmsi: 366053209, at: T0, source: 's', name: 'ALPHA', ...over } });

describe('AisIngest', () => {
  it('stores plausible fixes in one batch, with one minute-track row per vessel-minute', () => {
    const m = memoryStore();
    const ingest = new AisIngest({ store: m.store, logger: silentLogger });
    for (let i = 0; i < 12; i++) ingest.accept(position({ time: T0 + i * 10_000, lon: -122.2 + i * 0.0005 }));
    ingest.flush();
    expect(m.batches).toHaveLength(1);
    expect(m.fixes()).toHaveLength(12);
    expect(m.batches[0].minutes.map((f) => f.time)).toEqual([T0, T0 + 60_000]);
    expect(ingest.countsOf('s')).toEqual({ positions: 12, statics: 0, rejected: 0, dropped: 0 });
  });

  it.each([
    ['position-not-available', { lat: null }],
    ['out-of-range', { lat: 95 }],
    ['null-island', { lat: 0, lon: 0 }],
    ['bad-mmsi', { mmsi: 0 }],
    ['implausible-speed', { sog: 80 }],
    ['invalid-course', { cog: 400 }],
    ['bad-time', { time: Number.NaN }],
    ['bad-time', { time: 5 }],
  ] as const)('never stores a fix rejected as %s', (reason, over) => {
    const m = memoryStore();
    const ingest = new AisIngest({ store: m.store, logger: silentLogger });
    ingest.accept(position(over as Partial<PositionFix>));
    ingest.flush();
    expect(m.fixes()).toHaveLength(0);
    expect(ingest.stats().rejectedBy[reason]).toBe(1);
  });

  it('rejects a jump far faster than any ship, but follows a vessel that really moved (two agreeing fixes)', () => {
    const m = memoryStore();
    const ingest = new AisIngest({ store: m.store, logger: silentLogger });
    ingest.accept(position({ time: T0 }));
    ingest.accept(position({ time: T0 + 10_000, lat: 37.7 })); // 111 km in 10 s
    ingest.accept(position({ time: T0 + 20_000, lat: 36.7001 })); // back on track
    ingest.accept(position({ time: T0 + 30_000, lat: 38.5 })); // another spike
    ingest.accept(position({ time: T0 + 40_000, lat: 38.5001 })); // …confirmed by the next fix
    ingest.flush();
    expect(m.fixes().map((f) => f.lat)).toEqual([36.7, 36.7001, 38.5001]);
    expect(ingest.stats().rejectedBy['position-jump']).toBe(2);
  });

  it('writes static data only when it changes, merging partial updates', () => {
    const m = memoryStore();
    const ingest = new AisIngest({ store: m.store, logger: silentLogger });
    ingest.accept(statics());
    ingest.accept(statics({ at: T0 + 1 }));
    ingest.accept(statics({ at: T0 + 2, shipType: 70, toBow: 100, toStern: 20 }));
    ingest.flush();
    ingest.accept(statics({ at: T0 + 3, name: 'ALPHA' }));
    ingest.flush();
    const written = m.statics();
    expect(written).toHaveLength(1); // the first two merged into the pending record, then unchanged
    expect(written[0]).toMatchObject({ name: 'ALPHA', shipType: 70, toBow: 100, toStern: 20 });
  });

  it('bounds its queue when storage fails: drops and counts instead of growing, recovers when storage does', () => {
    let failing = true;
    const m = memoryStore(() => failing);
    const ingest = new AisIngest({ store: m.store, logger: silentLogger, batchSize: 10, maxQueue: 100 });
    for (let i = 0; i < 1000; i++) ingest.accept(position({ time: T0 + i * 1000, mmsi: 200_000_000 + i }));
    expect(ingest.stats().queued).toBe(100);
    expect(ingest.stats().dropped).toBe(900);
    expect(ingest.congested).toBe(true);
    failing = false;
    let drained = 0;
    ingest.onDrain(() => drained++);
    ingest.flush();
    expect(m.fixes()).toHaveLength(100);
    expect(drained).toBe(1);
    expect(ingest.stats().writeErrors).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { VesselAt } from '../../shared/ais.ts';
import { createMappingRepo } from '../classes/mapping-repo.ts';
import { openDatabase } from '../storage/database.ts';
import { compactPositions, currentMappingClassifier } from './positions.ts';
import { createVesselDb } from './vessel-db.ts';

const vessel = (o: Partial<VesselAt>): VesselAt => ({
  mmsi: 1, vesselClass: 'D', lat: 48.123456789, lon: -123.987654321, sog: 10, cog: 20, heading: 10, quality: 'reported',
  reportTime: 0, distanceM: 100, bearingDeg: 0, cpaM: null, tcpaS: null, ...o,
});

describe('compact positions', () => {
  it('keeps order; points along the heading, else the course, else nowhere; flags stale positions', () => {
    const p = compactPositions([
      vessel({ mmsi: 1 }),
      vessel({ mmsi: 2, heading: null, cog: 200.4, vesselClass: 'A' }),
      vessel({ mmsi: 3, heading: null, cog: null, quality: 'stale', vesselClass: 'unknown' }),
    ]);
    expect(p).toEqual({
      mmsi: [1, 2, 3], lat: [48.12346, 48.12346, 48.12346], lon: [-123.98765, -123.98765, -123.98765],
      dir: [10, 200, null], vesselClass: ['D', 'A', 'unknown'], stale: [0, 0, 1],
    });
  });
});

describe('classes by the current mapping version', () => {
  it('classes a vessel by its designation under the newest version, and follows a new version', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO vessels (mmsi, ship_type, updated_at) VALUES (1, 90, 0), (2, 70, 0), (3, NULL, 0)").run();
    db.prepare("INSERT INTO vessels (mmsi, ship_type, designation, updated_at) VALUES (4, 70, 'not ship', 0)").run();
    const mapping = createMappingRepo(db);
    const vdb = createVesselDb(db);
    const before = currentMappingClassifier(mapping, vdb);
    expect(before.version).toBe(1);
    expect([1, 2, 3, 4].map((m) => before.classify(m, undefined))).toEqual(['unknown', 'D', 'unknown', 'E']);
    mapping.createVersion([{ designation: '90', classId: 'A' }, { designation: '70', classId: 'C' }], 'ana', 'local boats');
    const after = currentMappingClassifier(mapping, vdb);
    expect(after.version).toBe(2);
    expect([1, 2, 3, 4].map((m) => after.classify(m, undefined))).toEqual(['A', 'C', 'unknown', 'E']);
    db.close();
  });
});

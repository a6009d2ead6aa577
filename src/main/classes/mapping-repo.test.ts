import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/database.ts';
import { aisCodeMeaning } from './ais-codes.ts';
import { createMappingRepo } from './mapping-repo.ts';
import { seedMappingEntries } from './seed-mapping.ts';

function repo() {
  const db = openDatabase(':memory:');
  return { db, mapping: createMappingRepo(db) };
}

describe('seed mapping (version 1)', () => {
  it('holds the 100 AIS codes and the seed\'s 63 designations', () => {
    const entries = seedMappingEntries();
    expect(entries.filter((e) => e.kind === 'code')).toHaveLength(100);
    const texts = entries.filter((e) => e.kind === 'text');
    expect(texts).toHaveLength(63);
    const count = (c: string) => texts.filter((e) => e.classId === c).length;
    expect([count('A'), count('B'), count('C'), count('D'), count('E')]).toEqual([21, 5, 4, 32, 1]);
    const { mapping } = repo();
    const v1 = mapping.mapping(1);
    expect(['30', '52', '37', '60', '70', '89', '35', 'Military ops', 'not ship', '90', '0'].map((d) => v1.get(d)))
      .toEqual(['A', 'A', 'B', 'C', 'D', 'D', 'D', 'A', 'E', 'Unknown', 'Unknown']);
  });

  it('names every code', () => {
    expect(aisCodeMeaning(0)).toBe('Not available (default)');
    expect(aisCodeMeaning(52)).toBe('Tug');
    expect(aisCodeMeaning(71)).toBe('Cargo, hazardous category A');
    expect(aisCodeMeaning(99)).toBe('Other type, no additional information');
  });
});

describe('mapping versions', () => {
  it('a change makes a new version with author, note and the diff; old versions stay as they were', () => {
    const { mapping } = repo();
    const v2 = mapping.createVersion([{ designation: '90', classId: 'A' }, { designation: 'Research ship', classId: 'A' }], 'ana', 'local tugs', 1000);
    expect(v2).toMatchObject({ version: 2, author: 'ana', note: 'local tugs', createdAt: 1000 });
    expect(v2.changes).toEqual([{ designation: '90', from: 'Unknown', to: 'A' }, { designation: 'Research ship', from: 'Unknown', to: 'A' }]);
    expect(mapping.currentVersion()).toBe(2);
    expect(mapping.mapping(1).get('90')).toBe('Unknown');
    expect(mapping.mapping(2).get('90')).toBe('A');
    expect(() => mapping.createVersion([{ designation: '90', classId: 'A' }], 'ana', 'again')).toThrow(/already/);
    expect(mapping.versions().map((v) => v.version)).toEqual([1, 2]);
  });

  it('flags designations met in AIS that it does not know, with vessel statistics per vessel', () => {
    const { db, mapping } = repo();
    const insert = db.prepare('INSERT INTO vessels (mmsi, ship_type, designation, length_m, beam_m, updated_at) VALUES (?, ?, ?, ?, ?, 0)');
    insert.run(1, 70, null, 200, 30);
    insert.run(2, 70, null, 100, null);
    insert.run(3, null, 'Fish Carrier', 80, 12);
    insert.run(4, null, null, null, null);
    expect(mapping.syncFromVessels(5000)).toBe(1);
    const rows = mapping.designationRows(1);
    expect(rows.find((r) => r.designation === 'Fish Carrier')).toMatchObject({ kind: 'text', classId: 'Unknown', flagged: true, firstSeen: 5000, vessels: 1 });
    expect(rows.find((r) => r.designation === '70')).toMatchObject({ classId: 'D', flagged: false, vessels: 2, meanLengthM: 150, meanBeamM: 30 });
    const v2 = mapping.createVersion([{ designation: 'Fish Carrier', classId: 'D' }], 'ana', '');
    expect(mapping.designationRows(v2.version).find((r) => r.designation === 'Fish Carrier')).toMatchObject({ classId: 'D', flagged: false });
    expect(mapping.classSizes(v2.version).find((c) => c.classId === 'D')).toMatchObject({ vessels: 3, meanLengthM: (200 + 100 + 80) / 3 });
  });
});

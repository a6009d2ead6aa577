import { describe, expect, it } from 'vitest';
import type { DesignationRow } from '../../../shared/labels.ts';
import { editChange, visibleDesignations } from './classes-edit.ts';

const row = (designation: string, classId: DesignationRow['classId'], vessels: number, flagged = false): DesignationRow => ({
  designation, kind: /^\d+$/.test(designation) ? 'code' : 'text', meaning: designation, classId, flagged, vessels,
  meanLengthM: null, meanBeamM: null, meanDeadweightT: null,
});

describe('classes page helpers', () => {
  const rows = [row('70', 'D', 12), row('90', 'Unknown', 3), row('Fish Carrier', 'Unknown', 1, true), row('Tug', 'A', 0)];

  it('filters flagged, Unknown and seen designations, flagged and most seen first', () => {
    expect(visibleDesignations(rows, 'flagged', '').map((r) => r.designation)).toEqual(['Fish Carrier']);
    expect(visibleDesignations(rows, 'unknown', '').map((r) => r.designation)).toEqual(['Fish Carrier', '90']);
    expect(visibleDesignations(rows, 'seen', '').map((r) => r.designation)).toEqual(['Fish Carrier', '70', '90']);
    expect(visibleDesignations(rows, 'all', 'tu').map((r) => r.designation)).toEqual(['Tug']);
  });

  it('keeps only changes that differ from the mapping', () => {
    let pending = editChange([], rows[1], 'A');
    expect(pending).toEqual([{ designation: '90', classId: 'A' }]);
    pending = editChange(pending, rows[1], 'B');
    expect(pending).toEqual([{ designation: '90', classId: 'B' }]);
    expect(editChange(pending, rows[1], 'Unknown')).toEqual([]);
  });
});

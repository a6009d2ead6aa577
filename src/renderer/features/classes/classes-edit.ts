/**
 * Pure helpers of the Classes page: which designations a filter shows, and the pending class changes
 * (only those that differ from the mapping they edit).
 */
import type { DesignationRow, MappedClass, MappingChange } from '../../../shared/labels.ts';

export const DESIGNATION_FILTERS = ['flagged', 'unknown', 'seen', 'all'] as const;
export type DesignationFilter = (typeof DESIGNATION_FILTERS)[number];

/** Designations shown by a filter and search text, flagged and most-seen first. */
export function visibleDesignations(rows: readonly DesignationRow[], filter: DesignationFilter, search: string): DesignationRow[] {
  const needle = search.trim().toLowerCase();
  return rows
    .filter((r) => filter === 'all' || (filter === 'flagged' ? r.flagged : filter === 'unknown' ? r.classId === 'Unknown' : r.vessels > 0))
    .filter((r) => !needle || r.designation.toLowerCase().includes(needle) || r.meaning.toLowerCase().includes(needle))
    .sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.vessels - a.vessels || a.designation.localeCompare(b.designation, undefined, { numeric: true }));
}

/** Applies one edit to the pending changes: an edit back to the mapped class removes the change. */
export function editChange(pending: readonly MappingChange[], row: DesignationRow, classId: MappedClass): MappingChange[] {
  const rest = pending.filter((c) => c.designation !== row.designation);
  return classId === row.classId ? rest : [...rest, { designation: row.designation, classId }];
}

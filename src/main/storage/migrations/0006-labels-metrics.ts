/**
 * Labels and metrics (issue 7): the designation catalogue (AIS codes and text designations, with
 * new ones flagged), mapping version 1 (the frozen seed mapping), a text designation on vessels for
 * sources that send one, and `label_facts`: per segment, what AIS says independently of range and
 * mapping — the coverage around it and every vessel within the largest range + ring with its closest
 * known distance and the bound on the part AIS did not cover — from which the `labels` rows (status
 * and classes per range under a mapping version, plus coverage and the reason when ambiguous) are
 * derived, and re-derived under any mapping version without touching AIS again.
 */
import { seedMappingEntries } from '../../classes/seed-mapping.ts';
import { designationMeaning } from '../../classes/ais-codes.ts';

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

function seedSql(): string {
  const entries = seedMappingEntries();
  const designations = entries.map((e) => `(${quote(e.designation)}, ${quote(e.kind)}, ${quote(designationMeaning(e.designation))})`);
  const mapping = entries.map((e) => `(1, ${quote(e.designation)}, ${quote(e.classId)})`);
  return `
INSERT INTO designations (designation, kind, meaning) VALUES
${designations.join(',\n')};
INSERT INTO class_mappings (version, author, note, created_at) VALUES
(1, 'system', 'Seed mapping: AIS codes per ship-noise.md §5.2, text designations per seed-spec §4.6', CAST(strftime('%s', 'now') AS INTEGER) * 1000);
INSERT INTO class_mapping_entries (version, designation, class_id) VALUES
${mapping.join(',\n')};
`;
}

export const sql = `
CREATE TABLE designations (
  designation TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('code', 'text')),
  meaning TEXT NOT NULL DEFAULT '',
  first_seen INTEGER,
  flagged INTEGER NOT NULL DEFAULT 0
);

ALTER TABLE vessels ADD COLUMN designation TEXT;

CREATE TABLE label_facts (
  segment_id INTEGER PRIMARY KEY REFERENCES segments(id) ON DELETE CASCADE,
  coverage TEXT NOT NULL CHECK (coverage IN ('fresh', 'stale', 'none')),
  vessels TEXT NOT NULL,
  final INTEGER NOT NULL DEFAULT 0,
  watermark INTEGER,
  computed_at INTEGER NOT NULL
);
CREATE INDEX label_facts_pending ON label_facts (segment_id) WHERE final = 0;
CREATE INDEX label_facts_computed ON label_facts (computed_at);

ALTER TABLE labels ADD COLUMN coverage TEXT NOT NULL DEFAULT 'none' CHECK (coverage IN ('fresh', 'stale', 'none'));
ALTER TABLE labels ADD COLUMN reason TEXT;
CREATE INDEX verifications_segment ON verifications (segment_id, at);
${seedSql()}`;

/**
 * Class mapping versions over the database: designation → class per version (immutable once written),
 * the designation catalogue with new designations flagged, and per-designation vessel statistics.
 * Every change is a new version with author, time and note; nothing is ever rewritten.
 */
import { AppError } from '../../shared/errors.ts';
import type { ClassesOverview, DesignationRow, MappedClass, MappingChange, MappingVersion } from '../../shared/labels.ts';
import { MAPPABLE_CLASSES } from '../../shared/labels.ts';
import type { Db } from '../storage/database.ts';
import { designationMeaning, isCodeDesignation } from './ais-codes.ts';

/** designation → class of one mapping version; designations absent from it are Unknown. */
export type ClassMapping = ReadonlyMap<string, MappedClass>;

/** The class of a designation under a mapping ('' = no static data, always Unknown). */
export function classOf(mapping: ClassMapping, designation: string): MappedClass {
  return mapping.get(designation) ?? 'Unknown';
}

/** SQL expression of a vessel's designation: its text designation, else its ship-type code, else ''. */
export const VESSEL_DESIGNATION_SQL = "coalesce(designation, CAST(ship_type AS TEXT), '')";

interface VersionRow { version: number; author: string; note: string; created_at: number }
interface CatalogueRow { designation: string; kind: 'code' | 'text'; meaning: string; first_seen: number | null; flagged: number }
interface StatsRow { d: string; n: number; len: number | null; beam: number | null; dwt: number | null; nlen: number; nbeam: number; ndwt: number }

const isMappedClass = (c: string): c is MappedClass => (MAPPABLE_CLASSES as readonly string[]).includes(c);

/** Changes between two mappings, by designation. */
export function diffMappings(before: ClassMapping, after: ClassMapping): MappingVersion['changes'] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].sort().flatMap((designation) => {
    const from = classOf(before, designation);
    const to = classOf(after, designation);
    return from === to ? [] : [{ designation, from, to }];
  });
}

export function createMappingRepo(db: Db) {
  const q = {
    current: db.prepare<[], number>('SELECT max(version) FROM class_mappings').pluck(),
    version: db.prepare<[number], VersionRow>('SELECT * FROM class_mappings WHERE version = ?'),
    versions: db.prepare<[], VersionRow>('SELECT * FROM class_mappings ORDER BY version'),
    entries: db.prepare<[number], { designation: string; class_id: string }>('SELECT designation, class_id FROM class_mapping_entries WHERE version = ?'),
    insertVersion: db.prepare('INSERT INTO class_mappings (version, author, note, created_at) VALUES (?, ?, ?, ?)'),
    insertEntry: db.prepare('INSERT INTO class_mapping_entries (version, designation, class_id) VALUES (?, ?, ?)'),
    catalogue: db.prepare<[], CatalogueRow>('SELECT * FROM designations'),
    addDesignation: db.prepare('INSERT OR IGNORE INTO designations (designation, kind, meaning, first_seen, flagged) VALUES (?, ?, ?, ?, ?)'),
    unflag: db.prepare('UPDATE designations SET flagged = 0 WHERE designation = ?'),
    unseenInVessels: db.prepare<[], string>(`SELECT DISTINCT ${VESSEL_DESIGNATION_SQL} AS d FROM vessels
      WHERE d <> '' AND d NOT IN (SELECT designation FROM designations)`).pluck(),
    stats: db.prepare<[], StatsRow>(`SELECT ${VESSEL_DESIGNATION_SQL} AS d, count(*) AS n,
      avg(CASE WHEN length_m > 0 THEN length_m END) AS len, avg(CASE WHEN beam_m > 0 THEN beam_m END) AS beam,
      avg(CASE WHEN deadweight_t > 0 THEN deadweight_t END) AS dwt,
      count(CASE WHEN length_m > 0 THEN 1 END) AS nlen, count(CASE WHEN beam_m > 0 THEN 1 END) AS nbeam,
      count(CASE WHEN deadweight_t > 0 THEN 1 END) AS ndwt
      FROM vessels GROUP BY d`),
  };
  const cache = new Map<number, ClassMapping>();

  const mappingOf = (version: number): ClassMapping => {
    let m = cache.get(version);
    if (!m) {
      if (!q.version.get(version)) throw new AppError('NOT_FOUND', `no class mapping version ${version}`);
      m = new Map(q.entries.all(version).map((r) => [r.designation, isMappedClass(r.class_id) ? r.class_id : 'Unknown']));
      cache.set(version, m);
    }
    return m;
  };

  const versionInfo = (row: VersionRow): MappingVersion => ({
    version: row.version, author: row.author, note: row.note, createdAt: row.created_at,
    changes: row.version > 1 ? diffMappings(mappingOf(row.version - 1), mappingOf(row.version)) : [],
  });

  /** Adds designations met in AIS that the catalogue lacks, flagged as new (first seen `at`). */
  const noteDesignations = (designations: Iterable<string>, at: number): number => {
    let added = 0;
    for (const d of designations) {
      if (d === '') continue;
      added += q.addDesignation.run(d, isCodeDesignation(d) ? 'code' : 'text', designationMeaning(d), at, 1).changes;
    }
    return added;
  };

  return {
    /** The newest mapping version. */
    currentVersion: (): number => q.current.get() ?? 1,
    /** designation → class of a version (cached: versions never change). */
    mapping: mappingOf,
    /** Every version, oldest first, with what changed against the previous one. */
    versions: (): MappingVersion[] => q.versions.all().map(versionInfo),
    version(version: number): MappingVersion {
      const row = q.version.get(version);
      if (!row) throw new AppError('NOT_FOUND', `no class mapping version ${version}`);
      return versionInfo(row);
    },
    /** Creates the next version: the current mapping with `changes` applied. Throws CONFLICT when nothing changes. */
    createVersion(changes: readonly MappingChange[], author: string, note: string, at = Date.now()): MappingVersion {
      return db.transaction(() => {
        const base = q.current.get() ?? 1;
        const next = new Map(mappingOf(base));
        for (const c of changes) next.set(c.designation, c.classId);
        if (diffMappings(mappingOf(base), next).length === 0) throw new AppError('CONFLICT', 'the mapping already says this: no new version');
        noteDesignations(changes.map((c) => c.designation), at);
        q.insertVersion.run(base + 1, author, note, at);
        for (const [designation, classId] of next) q.insertEntry.run(base + 1, designation, classId);
        for (const c of changes) q.unflag.run(c.designation);
        return versionInfo(q.version.get(base + 1)!);
      })();
    },
    noteDesignations,
    /** Flags the designations of stored vessels that the catalogue does not know yet; returns how many. */
    syncFromVessels: (at = Date.now()): number => noteDesignations(q.unseenInVessels.all(), at),
    /** Every designation with its class under `version` and vessel statistics (per vessel, not per fix). */
    designationRows(version: number): DesignationRow[] {
      const mapping = mappingOf(version);
      const stats = new Map(q.stats.all().map((s) => [s.d, s]));
      return q.catalogue.all().map((c) => {
        const s = stats.get(c.designation);
        return {
          designation: c.designation, kind: c.kind, meaning: c.meaning, classId: classOf(mapping, c.designation),
          flagged: c.flagged === 1, ...(c.first_seen === null ? {} : { firstSeen: c.first_seen }),
          vessels: s?.n ?? 0, meanLengthM: s?.len ?? null, meanBeamM: s?.beam ?? null, meanDeadweightT: s?.dwt ?? null,
        };
      });
    },
    /** Mean length, beam and deadweight per class under `version`, over vessels (each vessel counts once). */
    classSizes(version: number): ClassesOverview['classSizes'] {
      const mapping = mappingOf(version);
      const acc = new Map<MappedClass, { n: number; len: number; nlen: number; beam: number; nbeam: number; dwt: number; ndwt: number }>();
      for (const s of q.stats.all()) {
        const c = classOf(mapping, s.d);
        const a = acc.get(c) ?? { n: 0, len: 0, nlen: 0, beam: 0, nbeam: 0, dwt: 0, ndwt: 0 };
        a.n += s.n;
        a.len += (s.len ?? 0) * s.nlen;
        a.nlen += s.nlen;
        a.beam += (s.beam ?? 0) * s.nbeam;
        a.nbeam += s.nbeam;
        a.dwt += (s.dwt ?? 0) * s.ndwt;
        a.ndwt += s.ndwt;
        acc.set(c, a);
      }
      const mean = (sum: number, n: number) => (n ? sum / n : null);
      return MAPPABLE_CLASSES.filter((c) => acc.has(c)).map((classId) => {
        const a = acc.get(classId)!;
        return { classId, vessels: a.n, meanLengthM: mean(a.len, a.nlen), meanBeamM: mean(a.beam, a.nbeam), meanDeadweightT: mean(a.dwt, a.ndwt) };
      });
    },
  };
}
export type MappingRepo = ReturnType<typeof createMappingRepo>;

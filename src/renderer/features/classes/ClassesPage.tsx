/**
 * Ship classes: every AIS ship-type code and text designation with the class it maps to, how many
 * vessels carry it and their mean size (from AIS static data, per vessel), new designations flagged as
 * Unknown; the analyst assigns or changes classes, and each change becomes a new mapping version
 * (author, time, note). Any version can be viewed "as of"; labels and metrics re-derive under it.
 */
import { useCallback, useEffect, useState } from 'react';
import { MAPPABLE_CLASSES, type ClassesOverview, type MappedClass, type MappingChange, type MappingVersion } from '../../../shared/labels.ts';
import { useApi } from '../../app/api-context.tsx';
import { ClassChip } from '../../components/ClassChip.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatUtcDateTime } from '../../lib/time-format.ts';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { DESIGNATION_FILTERS, editChange, visibleDesignations, type DesignationFilter } from './classes-edit.ts';
import './classes.css';

const num = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));
const classCell = (c: MappedClass) => (c === 'Unknown' ? <span className="unknown-class">Unknown</span> : <ClassChip id={c} withName />);

function SizesTable({ sizes }: { sizes: ClassesOverview['classSizes'] }) {
  return (
    <table className="data-table" data-testid="class-sizes">
      <thead><tr><th>Class</th><th className="num">Vessels</th><th className="num">Mean length m</th><th className="num">Mean beam m</th><th className="num">Mean deadweight t</th></tr></thead>
      <tbody>
        {sizes.map((s) => (
          <tr key={s.classId}><td>{classCell(s.classId)}</td><td className="num">{s.vessels}</td><td className="num">{num(s.meanLengthM)}</td><td className="num">{num(s.meanBeamM)}</td><td className="num">{num(s.meanDeadweightT, 0)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

function History({ versions }: { versions: MappingVersion[] }) {
  return (
    <ol className="mapping-history" data-testid="mapping-history">
      {[...versions].reverse().map((v) => (
        <li key={v.version}>
          <strong>v{v.version}</strong> {formatUtcDateTime(v.createdAt)} UTC · {v.author}{v.note && <> · “{v.note}”</>}
          {v.changes.length > 0 && (
            <div className="small muted">{v.changes.map((c) => `${c.designation}: ${c.from} → ${c.to}`).join('; ')}</div>
          )}
        </li>
      ))}
    </ol>
  );
}

export function ClassesPage() {
  const api = useApi();
  const [version, setVersion] = useState<number>();
  const [overview, setOverview] = useState<ClassesOverview>();
  const [versions, setVersions] = useState<MappingVersion[]>([]);
  const [filter, setFilter] = useState<DesignationFilter>('seen');
  const [search, setSearch] = useState('');
  const [pending, setPending] = useState<MappingChange[]>([]);
  const [note, setNote] = useState('');
  const load = useCallback(() => {
    void invokeOrNotify(api, 'classes:overview', version ? { mappingVersion: version } : {}, 'Reading ship classes').then((o) => o && setOverview(o));
    void invokeOrNotify(api, 'classes:versions', {}, 'Reading mapping versions').then((v) => v && setVersions(v));
  }, [api, version]);
  useEffect(load, [load]);
  const editable = overview !== undefined && overview.version.version === overview.current;
  const apply = async () => {
    const v = await invokeOrNotify(api, 'classes:assign', { changes: pending, note }, 'Saving the class mapping');
    if (!v) return;
    setPending([]);
    setNote('');
    setVersion(undefined);
    load();
  };
  const rows = overview ? visibleDesignations(overview.designations, filter, search) : [];
  const flagged = overview?.designations.filter((d) => d.flagged).length ?? 0;
  const tools = (
    <select className="select" data-testid="classes-version" value={version ?? ''} onChange={(e) => setVersion(e.target.value ? Number(e.target.value) : undefined)}>
      <option value="">current (v{overview?.current ?? '?'})</option>
      {versions.map((v) => <option key={v.version} value={v.version}>as of v{v.version}</option>)}
    </select>
  );
  return (
    <div className="page classes-page" data-testid="classes-page">
      <Panel title="Ship classes" subtitle={`mapping v${overview?.version.version ?? '?'}${editable ? '' : ' (read-only: an older version)'} · ${flagged} new designation(s) flagged`} tools={tools}>
        <p className="classes-intro small">
          Assign a class to every designation still Unknown: a vessel with an Unknown designation makes its segments ambiguous (they are
          not scored) until it has one. Each change creates a new mapping version; older versions stay, and metrics can be computed as of any.
          Class E means "not a ship" (such AIS targets are ignored by the labels). AIS carries no deadweight: it is shown where a source gives one.
        </p>
        {overview && <SizesTable sizes={overview.classSizes} />}
      </Panel>
      <Panel title="Designations" subtitle={`${rows.length} shown`} tools={(
        <>
          <select className="select" data-testid="designation-filter" value={filter} onChange={(e) => setFilter(e.target.value as DesignationFilter)}>
            {DESIGNATION_FILTERS.map((f) => <option key={f} value={f}>{f}</option>)}
          </select>
          <input className="input" placeholder="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </>
      )}>
        <div className="table-scroll designations-scroll">
          <table className="data-table" data-testid="designations">
            <thead><tr><th>Designation</th><th>Meaning</th><th>Class</th><th className="num">Vessels</th><th className="num">Mean length m</th><th className="num">Mean beam m</th><th className="num">Mean deadweight t</th></tr></thead>
            <tbody>
              {rows.map((r) => {
                const change = pending.find((c) => c.designation === r.designation);
                return (
                  <tr key={r.designation} className={r.flagged ? 'flagged' : ''} data-testid="designation-row">
                    <td className="mono">{r.designation}{r.flagged && <span className="new-badge" title={r.firstSeen ? `first seen ${formatUtcDateTime(r.firstSeen)} UTC` : undefined}>new</span>}</td>
                    <td className="small">{r.kind === 'code' ? r.meaning : <span className="muted">text designation</span>}</td>
                    <td>
                      <select className={`select ${change ? 'changed' : ''}`} disabled={!editable} value={change?.classId ?? r.classId} aria-label={`class of ${r.designation}`}
                        onChange={(e) => setPending(editChange(pending, r, e.target.value as MappedClass))}>
                        {MAPPABLE_CLASSES.map((c) => <option key={c} value={c}>{c}</option>)}
                      </select>
                    </td>
                    <td className="num">{r.vessels}</td><td className="num">{num(r.meanLengthM)}</td><td className="num">{num(r.meanBeamM)}</td><td className="num">{num(r.meanDeadweightT, 0)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="mapping-apply">
          <span className="small">{pending.length} change(s): {pending.map((c) => `${c.designation} → ${c.classId}`).join(', ') || 'none'}</span>
          <input className="input" placeholder="note (why)" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <button type="button" className="btn" data-testid="mapping-save" disabled={pending.length === 0 || !editable} onClick={() => void apply()}>
            Save as v{(overview?.current ?? 0) + 1}
          </button>
        </div>
      </Panel>
      <Panel title="Mapping versions" subtitle="every change, with author, time and note">
        <History versions={versions} />
      </Panel>
    </div>
  );
}

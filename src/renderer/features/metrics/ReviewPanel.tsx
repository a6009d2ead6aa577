/**
 * Analyst verification: a station's segments in the window with their AIS label (status, classes,
 * vessels, coverage, final or not) and the newest verification; confirm the label, correct it to the
 * classes heard, or say "no ship" / "can't tell". Verified segments export as a training set.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SegmentLabel, TrainingExport, Verdict } from '../../../shared/labels.ts';
import { useApi } from '../../app/api-context.tsx';
import { ClassChip } from '../../components/ClassChip.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatUtcDateTime } from '../../lib/time-format.ts';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { useStationsStore } from '../../state/stations-store.ts';

const SHOWN = 150;
const FILTERS = ['all', 'single', 'multi', 'background', 'ambiguous', 'unverified'] as const;
type Filter = (typeof FILTERS)[number];

function VerifyControls({ label, onVerified }: { label: SegmentLabel; onVerified: () => void }) {
  const api = useApi();
  const [classes, setClasses] = useState<string[]>(label.status === 'single' || label.status === 'multi' ? label.classes : []);
  const verify = async (verdict: Verdict, chosen: string[] = []) => {
    const r = await invokeOrNotify(api, 'labels:verify', { segmentId: label.segmentId, verdict, classes: chosen }, 'Verifying the segment');
    if (r) onVerified();
  };
  const same = classes.length > 0 && classes.join() === label.classes.join() && (label.status === 'single' || label.status === 'multi');
  return (
    <span className="verify-controls">
      {['A', 'B', 'C', 'D'].map((c) => (
        <label key={c} className="verify-class" title={`class ${c} heard`}>
          <input type="checkbox" checked={classes.includes(c)} onChange={(e) => setClasses(e.target.checked ? [...classes, c].sort() : classes.filter((x) => x !== c))} />
          {c}
        </label>
      ))}
      <button type="button" className="btn btn-small" disabled={classes.length === 0} data-testid="verify-save" onClick={() => void verify(same ? 'confirmed' : 'corrected', classes)}>
        {same ? 'Confirm' : 'Correct'}
      </button>
      <button type="button" className="btn btn-small" data-testid="verify-no-ship" onClick={() => void verify('no-ship')}>No ship</button>
      <button type="button" className="btn btn-small" onClick={() => void verify('cant-tell')}>Can't tell</button>
    </span>
  );
}

function LabelRow({ label, onVerified }: { label: SegmentLabel; onVerified: () => void }) {
  const v = label.verification;
  const nearest = label.vessels.filter((x) => x.zone === 'in').slice(0, 3);
  return (
    <tr data-testid="review-row">
      <td className="seg-time">{formatUtcDateTime(label.start)}</td>
      <td><span className={`label-status status-${label.status}`} title={label.reason}>{label.status}</span>{!label.final && <span className="muted small"> provisional</span>}</td>
      <td>{label.classes.map((c) => <ClassChip key={c} id={c} />)}</td>
      <td className="small">{nearest.map((x) => `${x.mmsi} (${x.designation || '?'} → ${x.classId}, ${x.closestM === null ? '?' : (x.closestM / 1000).toFixed(1)} km)`).join('; ') || <span className="muted">{label.reason ?? '—'}</span>}</td>
      <td className="small">{label.coverage}</td>
      <td className="small">{v ? <>{v.verdict} {v.classes.map((c) => <ClassChip key={c} id={c} />)}<div className="muted">{v.analyst}</div></> : <span className="muted">—</span>}</td>
      <td><VerifyControls label={label} onVerified={onVerified} /></td>
    </tr>
  );
}

export function ReviewPanel({ from, to, rangeKm, mappingVersion }: { from: number; to: number; rangeKm: number | null; mappingVersion: number | null }) {
  const api = useApi();
  const stations = useStationsStore((s) => s.statuses);
  const [stationId, setStationId] = useState<string>();
  const [filter, setFilter] = useState<Filter>('all');
  const [labels, setLabels] = useState<SegmentLabel[]>([]);
  const [exported, setExported] = useState<TrainingExport>();
  const station = stationId ?? stations[0]?.stationId;
  const load = useCallback(() => {
    if (!station) return;
    const req = { stationId: station, from, to, limit: 2000, ...(rangeKm ? { rangeKm } : {}), ...(mappingVersion ? { mappingVersion } : {}) };
    void invokeOrNotify(api, 'labels:segments', req, 'Reading labels').then((l) => l && setLabels(l));
  }, [api, station, from, to, rangeKm, mappingVersion]);
  useEffect(load, [load]);
  const shown = labels.filter((l) => filter === 'all' || (filter === 'unverified' ? !l.verification : l.status === filter)).slice(-SHOWN).reverse();
  const exportSet = async () => {
    const r = await invokeOrNotify(api, 'labels:export-training-set', { from, to, ...(station ? { stationId: station } : {}), ...(rangeKm ? { rangeKm } : {}) }, 'Exporting the training set');
    if (r) setExported(r);
  };
  const tools = (
    <>
      <select className="select" value={station ?? ''} onChange={(e) => setStationId(e.target.value)} aria-label="station">
        {stations.map((s) => <option key={s.stationId} value={s.stationId}>{s.name}</option>)}
      </select>
      <select className="select" data-testid="review-filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)} aria-label="filter">
        {FILTERS.map((f) => <option key={f} value={f}>{f}</option>)}
      </select>
      <button type="button" className="btn btn-small" onClick={load}>Reload</button>
      <button type="button" className="btn btn-small" data-testid="export-training" onClick={() => void exportSet()} title="Verified segments of this window with their audio (WAV + CSV with provenance)">
        Export training set
      </button>
    </>
  );
  return (
    <Panel title="Review and verify" subtitle={`${labels.length} labelled segments in the window, newest ${Math.min(SHOWN, shown.length)} shown`} tools={tools}>
      {exported && (
        <div className="export-outcome small" data-testid="training-export">
          {exported.segments} verified segments exported to <span className="mono">{exported.dir}</span>: {exported.withAudio} with audio,
          {' '}{exported.withoutAudio} without (their reason is in training.csv).
        </div>
      )}
      <div className="table-scroll review-scroll">
        <table className="data-table review-table">
          <thead><tr><th>Segment (UTC)</th><th>AIS label</th><th>Classes</th><th>Vessels in range</th><th>AIS</th><th>Verified</th><th>Verify</th></tr></thead>
          <tbody>{shown.map((l) => <LabelRow key={l.segmentId} label={l} onVerified={load} />)}</tbody>
        </table>
        {shown.length === 0 && <div className="empty">No labelled segments here yet: labels appear as AIS for the segments arrives.</div>}
      </div>
    </Panel>
  );
}

/**
 * Backfill: re-run chosen models over a past time range of the station's cached audio, with a
 * progress bar per job (done/total, rate, time left) and cancel.
 */
import { useEffect, useState } from 'react';
import type { BackfillJob, CachedAudio } from '../../../shared/models.ts';
import { useApi } from '../../app/api-context.tsx';
import { Panel } from '../../components/Panel.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { formatUtcDateTime } from '../../lib/time-format.ts';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { modelKey, useModelsStore } from '../../state/models-store.ts';
import { useStationsStore } from '../../state/stations-store.ts';
import { fromUtcInput, toUtcInput } from './utc-input.ts';

function useBackfillJobs(): [readonly BackfillJob[], (job: BackfillJob) => void] {
  const api = useApi();
  const [jobs, setJobs] = useState<readonly BackfillJob[]>([]);
  const upsert = (job: BackfillJob) => setJobs((list) => [job, ...list.filter((j) => j.id !== job.id)].sort((a, b) => b.startedAt - a.startedAt));
  useEffect(() => {
    void api.invoke('backfill:list', {}).then((r) => r.ok && setJobs(r.value));
    return api.on('backfill:progress', upsert);
  }, [api]);
  return [jobs, upsert];
}

function JobRow({ job }: { job: BackfillJob }) {
  const api = useApi();
  const label = `${job.models.map((m) => `${m.id} v${m.version}`).join(', ')} · ${formatUtcDateTime(job.from)} → ${formatUtcDateTime(job.to)} · by ${job.actor}`;
  const extra = (
    <span>
      {job.realTimeFactor > 0 && `${job.realTimeFactor.toFixed(0)}× real time · `}
      {job.predictions} stored · {job.skipped} already predicted{job.failures ? ` · ${job.failures} failed` : ''}
      {job.message ? ` · ${job.message}` : ''}
    </span>
  );
  return (
    <li className="backfill-job">
      <ProgressBar
        label={label} done={job.done} total={job.total} rate={job.rate} etaMs={job.etaMs} unit="segments" state={job.state} extra={extra}
        onCancel={() => void invokeOrNotify(api, 'backfill:cancel', { jobId: job.id }, 'Cancelling the backfill')}
      />
    </li>
  );
}

export function BackfillPanel() {
  const api = useApi();
  const stationId = useStationsStore((s) => s.selectedId);
  const models = useModelsStore((s) => s.models).filter((m) => m.status !== 'retired');
  const [sources, setSources] = useState<CachedAudio>();
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [range, setRange] = useState({ from: '', to: '' });
  const [jobs, upsert] = useBackfillJobs();

  useEffect(() => {
    if (!stationId) return;
    void invokeOrNotify(api, 'backfill:sources', { stationId }, 'Loading cached audio').then((s) => {
      if (!s) return;
      setSources(s);
      if (s.from !== undefined && s.to !== undefined) setRange({ from: toUtcInput(s.from), to: toUtcInput(s.to) });
    });
  }, [api, stationId]);

  const start = async () => {
    const from = fromUtcInput(range.from);
    const to = fromUtcInput(range.to);
    if (!stationId || from === undefined || to === undefined) return;
    const picked = models.filter((m) => chosen.includes(modelKey(m))).map((m) => ({ id: m.id, version: m.version }));
    const job = await invokeOrNotify(api, 'backfill:start', { stationId, models: picked, from, to }, 'Starting the backfill');
    if (job) upsert(job);
  };
  const toggle = (key: string) => setChosen((list) => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]));
  const cached = sources?.from === undefined ? 'no cached audio yet' : `${sources.files} file(s), ${(sources.seconds / 3600).toFixed(2)} h cached`;

  return (
    <Panel title="Backfill" subtitle={`re-run models over past audio of ${stationId ?? '—'}: ${cached}`} className="backfill-panel">
      <div className="backfill-form">
        <div className="backfill-models">
          {models.map((m) => (
            <label key={modelKey(m)} className="field">
              <input type="checkbox" checked={chosen.includes(modelKey(m))} onChange={() => toggle(modelKey(m))} />
              <span className="mono">{m.id} v{m.version}</span>
            </label>
          ))}
        </div>
        <label className="field">
          <span>from (UTC)</span>
          <input className="select" type="datetime-local" step={1} value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </label>
        <label className="field">
          <span>to (UTC)</span>
          <input className="select" type="datetime-local" step={1} value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </label>
        <button type="button" className="btn" data-testid="backfill-start" disabled={!chosen.length || !range.from || !range.to} onClick={() => void start()}>
          Backfill
        </button>
      </div>
      <ul className="backfill-jobs" data-testid="backfill-jobs">
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
    </Panel>
  );
}

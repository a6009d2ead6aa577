/**
 * The review view: one timeline with linked lanes — the spectrogram, each model's call and
 * uncertainty, the truth label, verifications, gaps and cached audio — the map at the time cursor,
 * the selected segment with audio playback, and a review queue. Keyboard review (use-review-keys.ts).
 * It shows a session, any range of a station, or (no range) the selected station following "now".
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Panel } from '../../components/Panel.tsx';
import { PanelErrorBoundary } from '../../components/PanelErrorBoundary.tsx';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { formatDuration, formatUtcRange } from '../../lib/time-format.ts';
import { useStationsStore } from '../../state/stations-store.ts';
import { WINDOW_CHOICES_MS, windowLabel } from '../live/SpectrogramControls.tsx';
import { AudioPanel } from './AudioPanel.tsx';
import { useExportContext } from './export-context.ts';
import { useExportDialog } from './export-dialog-store.ts';
import { ReviewMap } from './ReviewMap.tsx';
import { hoverMapAt } from '../map/map-time-store.ts';
import { VesselStays } from '../map/VesselStays.tsx';
import { nextOf, segmentAt, type StepKind } from './review-nav.ts';
import { ReviewQueue } from './ReviewQueue.tsx';
import { clampWindow, ReviewSpectrogram } from './ReviewSpectrogram.tsx';
import { SegmentDetail } from './SegmentDetail.tsx';
import { TimelineLanes } from './TimelineLanes.tsx';
import { useReviewKeys } from './use-review-keys.ts';
import { useReviewTarget } from './use-review-target.ts';
import { useReviewTimeline } from './use-review-timeline.ts';
import './review.css';

type Range = { from: number; to: number };
const isWindow = (v: unknown): v is number => typeof v === 'number' && v >= 10_000 && v <= 14 * 86_400_000;
const MINUTE = 60_000;

/** The range to load: the session, or around the view rounded so small pans reuse the answer. */
function dataRange(target: Range | undefined, view: Range, follow: boolean): Range {
  if (target) return target;
  const w = view.to - view.from;
  const step = Math.max(MINUTE, Math.round(w / 4 / MINUTE) * MINUTE);
  const from = Math.floor((view.from - w) / step) * step;
  return { from, to: follow ? Math.ceil(view.to / step) * step + 10 * MINUTE : Math.ceil((view.to + w) / step) * step };
}

export function ReviewPage() {
  const target = useReviewTarget();
  const { stationId, session } = target;
  const status = useStationsStore((s) => s.statuses.find((st) => st.stationId === stationId));
  const liveEnd = status?.lastAudioAt ?? Date.now();
  const [windowMs, setWindowMs] = usePersistentState<number>('review.windowMs', 30 * MINUTE, isWindow);
  const [chosen, setChosen] = useState<Range | undefined>(undefined);
  const [selectedId, setSelectedId] = useState<number | undefined>(undefined);
  const [cursor, setCursor] = useState<number | undefined>(undefined);
  const [reload, setReload] = useState(0);
  const [playToggle, setPlayToggle] = useState(0);
  useEffect(() => setChosen(undefined), [stationId, target.range?.from, target.range?.to]);

  const follow = chosen === undefined && target.range === undefined;
  const view: Range = chosen ?? target.range ?? { from: liveEnd - windowMs, to: liveEnd };
  const load = dataRange(target.range, view, follow);
  const timeline = useReviewTimeline(stationId, load.from, load.to, follow ? 5000 : undefined, reload);
  const selected = useMemo(() => {
    const i = selectedId === undefined ? -1 : (timeline?.segments.ids.indexOf(selectedId) ?? -1);
    return i < 0 ? undefined : i;
  }, [timeline, selectedId]);

  const selectIndex = useCallback((i: number) => {
    if (!timeline) return;
    const start = timeline.segments.starts[i]!;
    const end = timeline.segments.ends[i]!;
    setSelectedId(timeline.segments.ids[i]);
    setCursor((start + end) / 2);
    if (start < view.from || end > view.to) {
      const w = view.to - view.from;
      setChosen({ from: (start + end) / 2 - w / 2, to: (start + end) / 2 + w / 2 });
    }
  }, [timeline, view.from, view.to]);

  useReviewKeys({
    step: (kind: StepKind, dir) => {
      if (!timeline) return;
      const from = selected ?? (dir === 1 ? segmentAt(timeline, view.from)! - 1 : segmentAt(timeline, view.to));
      const next = nextOf(timeline, kind, from, dir);
      if (next !== undefined) selectIndex(next);
    },
    play: () => setPlayToggle((n) => n + 1),
    followLive: () => setChosen(undefined),
    clear: () => setSelectedId(undefined),
  });

  const span = selected === undefined || !timeline ? undefined : { from: timeline.segments.starts[selected]!, to: timeline.segments.ends[selected]! };
  useEffect(() => {
    useExportContext.getState().set({
      stationId, stationName: session?.stationName ?? status?.name, from: view.from, to: view.to, selection: span,
      models: timeline?.models.map((m) => m.key) ?? [], mappingVersions: timeline?.truth.mappingVersions ?? [], sessionId: session?.id,
    });
  }, [stationId, session, status?.name, view.from, view.to, span?.from, span?.to, timeline]);
  useEffect(() => () => useExportContext.getState().clear(), []);

  const onView = (next: Range | 'live') => {
    if (next === 'live') return target.range ? setChosen({ from: target.range.to - (view.to - view.from), to: target.range.to }) : setChosen(undefined);
    if (follow) setWindowMs(clampWindow(next.to - next.from));
    setChosen(next);
  };
  const pick = (time: number) => {
    setCursor(time);
    const i = timeline ? segmentAt(timeline, time) : undefined;
    if (i !== undefined && timeline!.segments.starts[i]! <= time && time < timeline!.segments.ends[i]!) setSelectedId(timeline!.segments.ids[i]);
  };

  const title = session ? `Review — ${session.name}` : `Review — ${status?.name ?? stationId ?? 'no station'}`;
  const subtitle = `${formatUtcRange(view.from, view.to)} UTC · ${formatDuration(view.to - view.from)}${follow ? ' · following live' : ''}`;
  const tools = (
    <>
      <button type="button" className="btn btn-small btn-live" aria-pressed={follow} data-testid="review-follow-live" disabled={target.range !== undefined}
        title={target.range ? 'A session is shown' : 'Follow the newest audio (l)'} onClick={() => setChosen(follow ? view : undefined)}>
        {follow ? '● live' : '↦ live'}
      </button>
      <label className="field">
        <span>window</span>
        <select className="select" value={WINDOW_CHOICES_MS.includes(view.to - view.from as never) ? view.to - view.from : ''} data-testid="review-window"
          onChange={(e) => {
            const w = Number(e.target.value);
            if (follow) setWindowMs(w);
            else setChosen({ from: view.to - w, to: view.to });
          }}>
          <option value="" disabled>{windowLabel(view.to - view.from)}</option>
          {WINDOW_CHOICES_MS.map((w) => <option key={w} value={w}>{windowLabel(w)}</option>)}
        </select>
      </label>
      <button type="button" className="btn btn-small" title="PNG of this view (chosen size and scale), CSV, WAV" data-testid="review-export" onClick={() => useExportDialog.getState().show()}>
        Export…
      </button>
    </>
  );
  return (
    <div className="review-grid" data-testid="review-page">
      <PanelErrorBoundary title="Review">
        <Panel title={title} subtitle={subtitle} tools={tools} className="review-panel">
          <ReviewSpectrogram stationId={stationId} from={view.from} to={view.to} follow={follow} onView={onView} />
          <div className="review-lanes-host">
            <TimelineLanes timeline={timeline} view={{ ...view, selected, cursor }} onPick={pick} onHover={hoverMapAt} />
            <VesselStays stationId={stationId} segments={timeline?.segments} view={view} />
          </div>
          <div className="review-keys muted">
            keys: ←/→ segment · d/D disagreement · u/U uncertain · space play · l live · Esc clear
            {timeline ? ` · ${timeline.segments.ids.length} segments loaded in ${timeline.queryMs.toFixed(0)} ms` : ''}
          </div>
          <AudioPanel stationId={stationId} span={span} toggle={playToggle} />
          {timeline && selected !== undefined ? (
            <SegmentDetail timeline={timeline} index={selected} onVerified={() => setReload((n) => n + 1)} />
          ) : (
            <div className="empty">Click a lane or press → to select a segment.</div>
          )}
        </Panel>
      </PanelErrorBoundary>
      <div className="review-side">
        <PanelErrorBoundary title="Map">
          <Panel title="Map at the cursor" className="review-map-panel">
            <ReviewMap stationId={stationId} time={cursor ?? view.to} />
          </Panel>
        </PanelErrorBoundary>
        <PanelErrorBoundary title="Review queue">
          <Panel title="Review queue">
            <ReviewQueue timeline={timeline} selected={selected} onSelect={selectIndex} />
          </Panel>
        </PanelErrorBoundary>
      </div>
    </div>
  );
}

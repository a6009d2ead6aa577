/**
 * The review timeline: linked lanes on one UTC axis — the spectrogram, each model's call and
 * uncertainty, the truth label, verifications, gaps and cached audio — the map at the time cursor,
 * the selected segment with audio playback, and a review queue; keyboard review (use-review-keys.ts).
 * The Review page shows it for a session or a range; the Live page is the same timeline following
 * "now" (a toggle, panning or zooming pause it), with its own extra panels (`side`, `children`).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Panel } from '../../components/Panel.tsx';
import { PanelErrorBoundary } from '../../components/PanelErrorBoundary.tsx';
import { formatDuration, formatUtcRange } from '../../lib/time-format.ts';
import { hoverMapAt } from '../map/map-time-store.ts';
import { VesselStays } from '../map/VesselStays.tsx';
import { useStationsStore } from '../../state/stations-store.ts';
import { useViewedRange } from '../../state/viewed-range-store.ts';
import { AudioPanel } from './AudioPanel.tsx';
import { useExportContext } from './export-context.ts';
import { useExportDialog } from './export-dialog-store.ts';
import { ReviewMap } from './ReviewMap.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';
import { ReviewSpectrogram } from './ReviewSpectrogram.tsx';
import type { Range } from './review-view.ts';
import { SegmentDetail } from './SegmentDetail.tsx';
import { TimelineLanes } from './TimelineLanes.tsx';
import { useReviewSelection } from './use-review-selection.ts';
import type { ReviewTarget } from './use-review-target.ts';
import { useReviewTimeline } from './use-review-timeline.ts';
import { useReviewView, type ReviewMode } from './use-review-view.ts';
import './review.css';

const MINUTE = 60_000;
const FOLLOW_REFRESH_MS = 5000;

/** The range to load: the session, or around the view rounded so small pans reuse the answer. */
function dataRange(target: Range | undefined, view: Range, follow: boolean): Range {
  if (target) return target;
  const w = view.to - view.from;
  const step = Math.max(MINUTE, Math.round(w / 4 / MINUTE) * MINUTE);
  const from = Math.floor((view.from - w) / step) * step;
  return { from, to: follow ? Math.ceil(view.to / step) * step + 10 * MINUTE : Math.ceil((view.to + w) / step) * step };
}

interface Props {
  readonly target: ReviewTarget;
  readonly mode: ReviewMode;
  /** Panels above the map (the Live page's latest calls). */
  readonly side?: ReactNode;
  /** Panels under the timeline (the Live page's charts and predictions table). */
  readonly children?: ReactNode;
}

export function ReviewWorkspace({ target, mode, side, children }: Props) {
  const { stationId, session } = target;
  const stationName = useStationsStore((s) => s.statuses.find((st) => st.stationId === stationId)?.name);
  const view = useReviewView(target, mode);
  const { shown, follow } = view;
  const load = dataRange(target.range, shown, follow);
  const [reload, bumpReload] = useReload();
  const timeline = useReviewTimeline(stationId, load.from, load.to, follow ? FOLLOW_REFRESH_MS : undefined, reload);
  const sel = useReviewSelection(timeline, view);

  useEffect(() => {
    useExportContext.getState().set({
      stationId, stationName: session?.stationName ?? stationName, from: shown.from, to: shown.to, selection: sel.span,
      models: timeline?.models.map((m) => m.key) ?? [], mappingVersions: timeline?.truth.mappingVersions ?? [], sessionId: session?.id,
    });
    if (stationId) useViewedRange.getState().set({ stationId, from: shown.from, to: shown.to });
  }, [stationId, session, stationName, shown.from, shown.to, sel.span?.from, sel.span?.to, timeline]);
  useEffect(() => () => useExportContext.getState().clear(), []);

  const name = session?.name ?? stationName ?? stationId ?? 'no station';
  const title = mode === 'live' ? `Live — ${name}` : `Review — ${name}`;
  const subtitle = `${formatUtcRange(shown.from, shown.to)} UTC · ${formatDuration(shown.to - shown.from)} · ${follow ? 'following live' : 'paused'}`;
  const tools = (
    <button type="button" className="btn btn-small" title="PNG of this view (chosen size and scale), CSV, WAV" data-testid="review-export" onClick={() => useExportDialog.getState().show()}>
      Export…
    </button>
  );
  return (
    <div className="review-grid" data-testid="review-page" data-mode={mode} data-following={follow} data-from={Math.round(shown.from)} data-to={Math.round(shown.to)}>
      <div className="review-main">
        <PanelErrorBoundary title="Timeline">
          <Panel title={title} subtitle={subtitle} tools={tools} className="review-panel">
            <ReviewSpectrogram
              stationId={stationId} shown={shown} follow={follow} followDisabled={target.range ? 'A fixed range or session is shown' : undefined}
              onFollow={view.toggleFollow} onWindow={view.setWindow} onNavigate={view.navigate}
            />
            <div className="review-lanes-host">
              <TimelineLanes timeline={timeline} view={{ ...shown, selected: sel.selected, cursor: sel.cursor }} onPick={sel.pick} onHover={hoverMapAt} />
              <VesselStays stationId={stationId} segments={timeline?.segments} view={shown} />
            </div>
            <div className="review-keys muted">
              keys: ←/→ segment · d/D disagreement · u/U uncertain · space play · l follow live on/off · Esc clear
              {timeline ? ` · ${timeline.segments.ids.length} segments loaded in ${timeline.queryMs.toFixed(0)} ms` : ''}
            </div>
            <AudioPanel stationId={stationId} span={sel.span} toggle={sel.playToggle} />
            {timeline && sel.selected !== undefined ? (
              <SegmentDetail timeline={timeline} index={sel.selected} onVerified={bumpReload} />
            ) : (
              <div className="empty">Click a lane or press → to select a segment.</div>
            )}
          </Panel>
        </PanelErrorBoundary>
        {children}
      </div>
      <div className="review-side">
        {side}
        <PanelErrorBoundary title="Map">
          <Panel title="Map at the cursor" className="review-map-panel">
            <ReviewMap stationId={stationId} time={sel.cursor ?? shown.to} />
          </Panel>
        </PanelErrorBoundary>
        <PanelErrorBoundary title="Review queue">
          <Panel title="Review queue">
            <ReviewQueue timeline={timeline} selected={sel.selected} onSelect={sel.selectIndex} />
          </Panel>
        </PanelErrorBoundary>
      </div>
    </div>
  );
}

/** A counter to bump to load again now (after a verification). */
function useReload(): [number, () => void] {
  const [n, setN] = useState(0);
  return [n, () => setN((k) => k + 1)];
}

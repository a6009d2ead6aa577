/**
 * The live view: the review timeline (features/review) of the selected station following "now" —
 * spectrogram, per-model lanes, truth labels, verifications, gaps, the map at the cursor, the review
 * queue — with a "Follow live" toggle; plus the newest call of each model, the probability and
 * uncertainty charts (features/charts) and the predictions table.
 */
import { PanelErrorBoundary } from '../../components/PanelErrorBoundary.tsx';
import { ProbabilityTimelinePanel } from '../charts/ProbabilityTimelinePanel.tsx';
import { UncertaintyPanel } from '../charts/UncertaintyPanel.tsx';
import { ReviewWorkspace } from '../review/ReviewWorkspace.tsx';
import { useStationsStore } from '../../state/stations-store.ts';
import { LatestCallsPanel } from './LatestCallsPanel.tsx';
import { PredictionsTable } from './PredictionsTable.tsx';
import { useRecentPredictions } from './use-recent-predictions.ts';

export function LivePage() {
  const stationId = useStationsStore((s) => s.selectedId);
  useRecentPredictions(stationId);
  const latest = (
    <PanelErrorBoundary title="Latest calls">
      <LatestCallsPanel stationId={stationId} />
    </PanelErrorBoundary>
  );
  return (
    <ReviewWorkspace target={{ stationId }} mode="live" side={latest}>
      <div className="live-charts">
        <PanelErrorBoundary title="Probability timeline">
          <ProbabilityTimelinePanel stationId={stationId} />
        </PanelErrorBoundary>
        <PanelErrorBoundary title="Uncertainty">
          <UncertaintyPanel stationId={stationId} />
        </PanelErrorBoundary>
      </div>
      <PanelErrorBoundary title="Predictions">
        <PredictionsTable stationId={stationId} />
      </PanelErrorBoundary>
    </ReviewWorkspace>
  );
}

/**
 * The live view: spectrogram and latest calls on top, then the per-model probability timeline and
 * the uncertainty chart (features/charts), the predictions table below.
 */
import { PanelErrorBoundary } from '../../components/PanelErrorBoundary.tsx';
import { ProbabilityTimelinePanel } from '../charts/ProbabilityTimelinePanel.tsx';
import { UncertaintyPanel } from '../charts/UncertaintyPanel.tsx';
import { useStationsStore } from '../../state/stations-store.ts';
import { LatestCallsPanel } from './LatestCallsPanel.tsx';
import { PredictionsTable } from './PredictionsTable.tsx';
import { SpectrogramPanel } from './SpectrogramPanel.tsx';
import { useRecentPredictions } from './use-recent-predictions.ts';

export function LivePage() {
  const stationId = useStationsStore((s) => s.selectedId);
  useRecentPredictions(stationId);
  return (
    <div className="live-grid">
      <PanelErrorBoundary title="Spectrogram">
        <SpectrogramPanel stationId={stationId} />
      </PanelErrorBoundary>
      <PanelErrorBoundary title="Latest calls">
        <LatestCallsPanel stationId={stationId} />
      </PanelErrorBoundary>
      <PanelErrorBoundary title="Probability timeline">
        <ProbabilityTimelinePanel stationId={stationId} />
      </PanelErrorBoundary>
      <PanelErrorBoundary title="Uncertainty">
        <UncertaintyPanel stationId={stationId} />
      </PanelErrorBoundary>
      <PanelErrorBoundary title="Predictions">
        <PredictionsTable stationId={stationId} />
      </PanelErrorBoundary>
    </div>
  );
}

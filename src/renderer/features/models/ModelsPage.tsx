/**
 * The Models page: deploy packages, manage what runs live (with the failed/ready state, latency and
 * who deployed what), the audit timeline, and backfill over cached audio.
 */
import { Panel } from '../../components/Panel.tsx';
import { PanelErrorBoundary } from '../../components/PanelErrorBoundary.tsx';
import { useModelsStore } from '../../state/models-store.ts';
import { AnalystName } from './AnalystName.tsx';
import { AuditTimeline } from './AuditTimeline.tsx';
import { BackfillPanel } from './BackfillPanel.tsx';
import { DeployPanel } from './DeployPanel.tsx';
import { ModelsTable } from './ModelsTable.tsx';
import './models.css';

export function ModelsPage() {
  const count = useModelsStore((s) => s.models.length);
  const live = useModelsStore((s) => s.models.filter((m) => m.status === 'active').length);
  const failed = useModelsStore((s) => s.models.filter((m) => m.status === 'failed').length);
  const subtitle = `${live} of ${count} running live${failed ? ` · ${failed} failed` : ''}`;
  return (
    <div className="page models-page">
      <PanelErrorBoundary title="Models">
        <Panel title="Models" subtitle={subtitle} tools={<AnalystName />}>
          <ModelsTable />
        </Panel>
      </PanelErrorBoundary>
      <div className="models-columns">
        <PanelErrorBoundary title="Deploy">
          <DeployPanel />
        </PanelErrorBoundary>
        <PanelErrorBoundary title="Backfill">
          <BackfillPanel />
        </PanelErrorBoundary>
      </div>
      <PanelErrorBoundary title="Audit timeline">
        <AuditTimeline />
      </PanelErrorBoundary>
    </div>
  );
}

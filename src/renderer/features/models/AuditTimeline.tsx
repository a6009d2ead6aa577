/**
 * The audit timeline: who deployed, (de)activated, retired or backfilled which model version and
 * when, what failed and recovered on its own, and refused deploys with their reasons. Newest first;
 * reloaded whenever the models change.
 */
import { useEffect, useState } from 'react';
import type { ModelEvent } from '../../../shared/models.ts';
import { useApi } from '../../app/api-context.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatUtcDateTime } from '../../lib/time-format.ts';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { useModelsStore } from '../../state/models-store.ts';

const ACTION_CLASS: Record<string, string> = {
  deployed: 'ok', activated: 'ok', recovered: 'ok', deactivated: 'muted', retired: 'muted', backfill: 'info',
  failed: 'err', 'deploy-refused': 'err',
};

export function AuditTimeline() {
  const api = useApi();
  const models = useModelsStore((s) => s.models);
  // Reload on lifecycle changes only, not on the periodic latency updates.
  const lifecycle = models.map((m) => `${m.id}@${m.version}:${m.status}:${m.failure ?? ''}`).join('|');
  const [filter, setFilter] = useState('');
  const [events, setEvents] = useState<readonly ModelEvent[]>([]);
  useEffect(() => {
    let live = true;
    void invokeOrNotify(api, 'models:history', { limit: 300, ...(filter ? { id: filter } : {}) }, 'Loading the audit timeline').then(
      (e) => live && e && setEvents(e),
    );
    return () => {
      live = false;
    };
  }, [api, filter, lifecycle]);
  const ids = [...new Set(models.map((m) => m.id))];
  const tools = (
    <label className="field">
      <span>model</span>
      <select className="select" value={filter} onChange={(e) => setFilter(e.target.value)}>
        <option value="">all</option>
        {ids.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Panel title="Audit timeline" subtitle="every action, with the analyst" tools={tools} className="audit-panel">
      {events.length === 0 && <div className="empty">No actions recorded yet.</div>}
      <ol className="audit-list" data-testid="audit-list">
        {events.map((e) => (
          <li key={e.id} className="audit-item">
            <span className="mono muted">{formatUtcDateTime(e.at)}</span>
            <span className={`audit-action audit-${ACTION_CLASS[e.action] ?? 'muted'}`}>{e.action}</span>
            <span className="mono">
              {e.modelId} <span className="model-version">v{e.modelVersion}</span>
            </span>
            <span className="muted">by {e.actor}</span>
            {e.detail && <span className="audit-detail">{e.detail}</span>}
          </li>
        ))}
      </ol>
    </Panel>
  );
}

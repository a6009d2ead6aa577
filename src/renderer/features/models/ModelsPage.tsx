/**
 * Deployed models: what each is, its status, and a switch to run it live or not.
 */
import { useState } from 'react';
import type { ModelInfo } from '../../../shared/domain.ts';
import { useApi } from '../../app/api-context.tsx';
import { ClassChip } from '../../components/ClassChip.tsx';
import { Panel } from '../../components/Panel.tsx';
import { PanelErrorBoundary } from '../../components/PanelErrorBoundary.tsx';
import { formatUtcDateTime } from '../../lib/time-format.ts';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { modelKey, useModelsStore } from '../../state/models-store.ts';

function ActiveSwitch({ model }: { model: ModelInfo }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const active = model.status === 'active';
  const toggle = async () => {
    setBusy(true);
    const request = { id: model.id, version: model.version, active: !active };
    const updated = await invokeOrNotify(api, 'models:set-active', request, `${active ? 'Stopping' : 'Starting'} ${model.name}`);
    if (updated) useModelsStore.getState().upsert(updated);
    setBusy(false);
  };
  return (
    <label className="switch" title={model.status === 'retired' ? 'retired models cannot run' : active ? 'stop' : 'run live'}>
      <input
        type="checkbox"
        role="switch"
        data-testid="model-active-toggle"
        aria-label={`Run ${model.name} live`}
        checked={active}
        disabled={busy || model.status === 'retired'}
        onChange={() => void toggle()}
      />
      <span className="switch-track" />
    </label>
  );
}

function ModelRow({ model }: { model: ModelInfo }) {
  return (
    <tr data-testid="model-row" data-model-id={model.id} data-status={model.status}>
      <td>
        <ActiveSwitch model={model} />
      </td>
      <td>
        <div className="model-name">{model.name}</div>
        <div className="muted small">by {model.author}</div>
      </td>
      <td className="mono">
        {model.id} <span className="model-version">v{model.version}</span>
      </td>
      <td>
        <span className={`status-badge status-${model.status}`} title={model.failure}>
          {model.status}
        </span>
        {model.failure && <div className="failure small">{model.failure}</div>}
      </td>
      <td>{model.task}</td>
      <td>{model.uncertainty}</td>
      <td className="chips">{model.classes.map((c) => <ClassChip key={c} id={c} />)}</td>
      <td className="num">{model.channels} ch · {model.sampleRate / 1000} kHz · {model.segmentSeconds} s</td>
      <td className="num">{model.latencyMs === undefined ? '—' : `${model.latencyMs.toFixed(1)} ms`}</td>
      <td className="mono muted">{formatUtcDateTime(model.deployedAt)}</td>
    </tr>
  );
}

function ModelsTable() {
  const models = useModelsStore((s) => s.models);
  const loaded = useModelsStore((s) => s.loaded);
  if (models.length === 0) return <div className="empty">{loaded ? 'No models deployed.' : 'Loading models…'}</div>;
  return (
    <div className="table-scroll">
      <table className="data-table models-table">
        <thead>
          <tr>
            <th>Live</th>
            <th>Name</th>
            <th>Id</th>
            <th>Status</th>
            <th>Task</th>
            <th>Uncertainty</th>
            <th>Classes</th>
            <th>Input</th>
            <th>Latency</th>
            <th>Deployed (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <ModelRow key={modelKey(m)} model={m} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ModelsPage() {
  const count = useModelsStore((s) => s.models.length);
  const active = useModelsStore((s) => s.models.filter((m) => m.status === 'active').length);
  return (
    <div className="page">
      <PanelErrorBoundary title="Models">
        <Panel title="Models" subtitle={`${active} of ${count} running live`}>
          <ModelsTable />
        </Panel>
      </PanelErrorBoundary>
    </div>
  );
}

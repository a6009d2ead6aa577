/**
 * The deployed models: what each is, whether it runs and how well (failed with the reason,
 * latency), who deployed it, and the lifecycle actions (run live, only this version, retire).
 */
import { useState } from 'react';
import type { ModelInfo } from '../../../shared/domain.ts';
import { useApi } from '../../app/api-context.tsx';
import { ClassChip } from '../../components/ClassChip.tsx';
import { formatUtcDateTime } from '../../lib/time-format.ts';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { modelKey, useModelsStore } from '../../state/models-store.ts';

function useModelAction(model: ModelInfo) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<ModelInfo | undefined>) => {
    setBusy(true);
    const updated = await call();
    if (updated) useModelsStore.getState().upsert(updated);
    setBusy(false);
  };
  const ref = { id: model.id, version: model.version };
  return {
    busy,
    setActive: (active: boolean, only = false) =>
      run(() => invokeOrNotify(api, 'models:set-active', { ...ref, active, only }, `${active ? 'Starting' : 'Stopping'} ${model.id} ${model.version}`)),
    retire: () => run(() => invokeOrNotify(api, 'models:retire', ref, `Retiring ${model.id} ${model.version}`)),
  };
}

function ActiveSwitch({ model, action }: { model: ModelInfo; action: ReturnType<typeof useModelAction> }) {
  const active = model.status === 'active' || model.status === 'failed';
  return (
    <label className="switch" title={model.status === 'retired' ? 'retired models cannot run' : active ? 'stop' : 'run live'}>
      <input
        type="checkbox"
        role="switch"
        data-testid="model-active-toggle"
        aria-label={`Run ${model.name} live`}
        checked={active}
        disabled={action.busy || model.status === 'retired'}
        onChange={() => void action.setActive(!active)}
      />
      <span className="switch-track" />
    </label>
  );
}

function StatusCell({ model }: { model: ModelInfo }) {
  const restarting = model.nextRestartAt ? ` · retry ${formatUtcDateTime(model.nextRestartAt).slice(11)}` : '';
  return (
    <td>
      <span className={`status-badge status-${model.status}`} title={model.failure}>
        {model.status}
      </span>
      {model.runtime && model.runtime !== 'ready' && <span className="muted small"> {model.runtime}</span>}
      {model.failure && <div className="failure small" data-testid="model-failure">{model.failure}</div>}
      {(model.restarts ?? 0) > 0 && <div className="muted small">{model.restarts} restart(s){restarting}</div>}
    </td>
  );
}

function Actions({ model, action, versions }: { model: ModelInfo; action: ReturnType<typeof useModelAction>; versions: number }) {
  const [confirm, setConfirm] = useState(false);
  if (model.status === 'retired') return <td className="muted small">retired</td>;
  return (
    <td className="actions">
      {versions > 1 && model.status !== 'active' && (
        <button type="button" className="btn btn-small" disabled={action.busy} title="run this version and stop the others" onClick={() => void action.setActive(true, true)}>
          Only this
        </button>
      )}
      {confirm ? (
        <>
          <button type="button" className="btn btn-small btn-danger" disabled={action.busy} onClick={() => void action.retire().then(() => setConfirm(false))}>
            Retire for good
          </button>
          <button type="button" className="btn btn-small" onClick={() => setConfirm(false)}>
            Keep
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-small" data-testid="model-retire" onClick={() => setConfirm(true)}>
          Retire…
        </button>
      )}
    </td>
  );
}

function ModelRow({ model, versions }: { model: ModelInfo; versions: number }) {
  const action = useModelAction(model);
  return (
    <tr data-testid="model-row" data-model-id={model.id} data-status={model.status}>
      <td>
        <ActiveSwitch model={model} action={action} />
      </td>
      <td>
        <div className="model-name" title={model.description}>{model.name}</div>
        <div className="muted small">by {model.author}</div>
      </td>
      <td className="mono">
        {model.id} <span className="model-version">v{model.version}</span>
      </td>
      <StatusCell model={model} />
      <td>{model.task}</td>
      <td>
        {model.uncertainty}
        {(model.passes ?? 1) > 1 && <span className="muted small"> ×{model.passes}</span>}
      </td>
      <td className="chips">{model.classes.map((c) => <ClassChip key={c} id={c} />)}</td>
      <td className="small" title={model.input}>
        {model.input ?? `${model.channels} ch · ${model.sampleRate / 1000} kHz · ${model.segmentSeconds} s`}
      </td>
      <td className="num">{model.latencyMs === undefined ? '—' : `${model.latencyMs.toFixed(1)} ms`}</td>
      <td className="small">
        <div className="mono muted">{formatUtcDateTime(model.deployedAt)}</div>
        {model.deployedBy && <div className="muted">by {model.deployedBy}</div>}
      </td>
      <Actions model={model} action={action} versions={versions} />
    </tr>
  );
}

export function ModelsTable() {
  const models = useModelsStore((s) => s.models);
  const loaded = useModelsStore((s) => s.loaded);
  if (models.length === 0) return <div className="empty">{loaded ? 'No models deployed.' : 'Loading models…'}</div>;
  const versions = (id: string) => models.filter((m) => m.id === id && m.status !== 'retired').length;
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
            <th title="median per segment, all MC passes">Latency p50</th>
            <th>Deployed (UTC)</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <ModelRow key={modelKey(m)} model={m} versions={versions(m.id)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

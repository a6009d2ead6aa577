import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../app/logger.ts';
import type { InferenceService, ModelRuntimeState } from '../inference/inference-service.ts';
import { openDatabase } from '../storage/database.ts';
import { createRepositories } from '../storage/repositories.ts';
import { RuntimeWatch } from './runtime-watch.ts';

function state(over: Partial<ModelRuntimeState>): ModelRuntimeState {
  return { id: 'm', version: '1.0.0', state: 'ready', runs: 0, failures: 0, restarts: 0, queueDepth: 0, classIds: ['A', 'B'], passes: 1, ...over };
}

function setup() {
  const repos = createRepositories(openDatabase(join(mkdtempSync(join(tmpdir(), 'aiw-watch-')), 'aiw.db')));
  let listener: (s: ModelRuntimeState[]) => void = () => {};
  const inference = { onChange: (l: typeof listener) => ((listener = l), () => {}) } as unknown as InferenceService;
  let changes = 0;
  let reconciles = 0;
  const watch = new RuntimeWatch({
    inference, events: repos.modelEvents, repo: repos.models, logger: silentLogger,
    onChange: () => changes++, reconcile: async () => void reconciles++,
  });
  watch.start(20);
  return { repos, emit: (s: ModelRuntimeState[]) => listener(s), changes: () => changes, reconciles: () => reconciles, watch };
}

describe('RuntimeWatch', () => {
  it('records a failure once, a recovery only after a successful run, and pushes state changes', () => {
    const w = setup();
    w.emit([state({ runs: 3 })]);
    expect(w.changes()).toBe(1);
    w.emit([state({ runs: 4 })]); // latency-only: not pushed at once
    expect(w.changes()).toBe(1);
    w.emit([state({ runs: 4, state: 'failed', failure: 'model returned NaN' })]);
    w.emit([state({ runs: 4, state: 'restarting', failure: 'model returned NaN' })]);
    w.emit([state({ runs: 4, state: 'ready', restarts: 1 })]); // restarted, not yet proven
    w.emit([state({ runs: 4, state: 'failed', failure: 'model returned NaN', restarts: 1 })]);
    w.emit([state({ runs: 5, state: 'ready', restarts: 2 })]);
    const events = w.repos.modelEvents.history({ limit: 10 }).reverse().map((e) => `${e.action}:${e.actor}:${e.detail}`);
    expect(events).toEqual(['failed:system:model returned NaN', 'recovered:system:predicting again after 2 restart(s)']);
    expect(w.changes()).toBe(6);
    w.watch.stop();
  });

  it('reconciles when another process writes to the audit trail', async () => {
    const w = setup();
    await new Promise((r) => setTimeout(r, 60));
    expect(w.reconciles()).toBe(0);
    w.repos.modelEvents.record({ modelId: 'x', modelVersion: '1', action: 'activated', actor: 'cli' });
    await new Promise((r) => setTimeout(r, 80));
    expect(w.reconciles()).toBe(1);
    w.watch.stop();
  });
});

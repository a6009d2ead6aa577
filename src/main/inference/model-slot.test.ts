import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { fixtureDir, rejection } from '../../../test/fixtures/models/fixtures.ts';
import { loadModelPackage, type ModelPackage } from './model-package.ts';
import { backoffDelay, ModelSlot, type HostHandle, type SlotOptions, type StartHost } from './model-slot.ts';

let pkg: ModelPackage;
beforeAll(async () => {
  pkg = await loadModelPackage(fixtureDir('tiny-logreg'));
});
afterEach(() => {
  vi.useRealTimers();
});

/** A host whose runs are answered by the test and whose death the test triggers (like HostChannel). */
function fakeHost(pid: number) {
  let die: (reason: AppError) => void = () => {};
  const pending: { resolve: (out: Float32Array[]) => void; reject: (err: AppError) => void; n: number }[] = [];
  const rejectAll = (err: AppError) => pending.splice(0).forEach((job) => job.reject(err));
  const host: HostHandle = {
    pid,
    run: (_features, n) => new Promise((resolve, reject) => pending.push({ resolve, reject, n })),
    dispose: vi.fn(async () => rejectAll(new AppError('CANCELLED', 'host disposed'))),
    onExit: (listener) => {
      die = listener;
      return () => {};
    },
  };
  const answer = () => {
    const job = pending.shift()!;
    job.resolve(Array.from({ length: job.n }, () => Float32Array.of(0.1, 0.2, 0.3, 0.3, 0.1)));
  };
  const crash = (message: string) => {
    const reason = new AppError('MODEL_FAILED', message);
    rejectAll(reason);
    die(reason);
  };
  return { host, pending, answer, crash };
}

function slotWith(startHost: StartHost, overrides: Partial<SlotOptions> = {}): ModelSlot {
  return new ModelSlot(pkg, {
    startHost,
    hostOptions: {},
    backoff: { initialMs: 1000, maxMs: 60_000 },
    maxQueue: 2,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    onChange: () => {},
    ...overrides,
  });
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('backoffDelay', () => {
  it('doubles from 1 s and caps at 60 s', () => {
    const b = { initialMs: 1000, maxMs: 60_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, b))).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  });
});

describe('ModelSlot restarts', () => {
  it('marks a crashed host failed and retries after 1, 2, 4 … s until one starts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const first = fakeHost(11);
    const second = fakeHost(12);
    const starts: number[] = [];
    const startHost = vi.fn(async () => {
      starts.push(Date.now());
      if (starts.length === 1) return first.host;
      if (starts.length < 5) throw new AppError('MODEL_INVALID', `attempt ${starts.length} failed`);
      return second.host;
    });
    const slot = slotWith(startHost);
    await slot.start();
    expect(slot.snapshot()).toMatchObject({ state: 'ready', pid: 11 });
    first.crash('host process was killed by SIGKILL');
    expect(slot.snapshot()).toMatchObject({ state: 'failed', failure: 'host process was killed by SIGKILL' });
    expect(slot.snapshot().pid).toBeUndefined();
    await vi.advanceTimersByTimeAsync(999);
    expect(startHost).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1 + 2000 + 4000 + 8000);
    expect(starts.slice(1).map((t, i) => t - starts[i])).toEqual([1000, 2000, 4000, 8000]);
    expect(slot.snapshot()).toMatchObject({ state: 'ready', restarts: 1, pid: 12 });
    expect(slot.snapshot().failure).toBeUndefined();
  });

  it('resets the backoff once a run succeeds after a restart', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const hosts = [fakeHost(1), fakeHost(2), fakeHost(3), fakeHost(4)];
    let next = 0;
    const slot = slotWith(async () => hosts[next++].host);
    await slot.start();
    hosts[0].crash('boom');
    await vi.advanceTimersByTimeAsync(1000); // restart #1 after 1 s
    hosts[1].crash('boom again');
    expect(slot.snapshot().nextRestartAt).toBe(Date.now() + 2000);
    await vi.advanceTimersByTimeAsync(2000); // restart #2 after 2 s
    const result = slot.infer(new Float32Array(64), 1);
    await flush();
    hosts[2].answer();
    await result;
    hosts[2].crash('third');
    expect(slot.snapshot().nextRestartAt).toBe(Date.now() + 1000);
  });

  it('rejects queued work with the crash reason and refuses new work while failed', async () => {
    const h = fakeHost(5);
    const slot = slotWith(async () => h.host, { backoff: { initialMs: 60_000, maxMs: 60_000 } });
    await slot.start();
    const running = rejection(slot.infer(new Float32Array(64), 1));
    const queued = rejection(slot.infer(new Float32Array(64), 1));
    await flush();
    h.crash('host process exited with code 134');
    expect((await running).message).toBe('host process exited with code 134');
    expect((await queued).message).toBe('host process exited with code 134');
    const refused = await rejection(slot.infer(new Float32Array(64), 1));
    expect(refused.code).toBe('MODEL_FAILED');
    expect(refused.message).toBe('tiny-logreg@1.0.0 is not ready (failed): host process exited with code 134');
    expect(slot.snapshot()).toMatchObject({ failures: 1, runs: 0, queueDepth: 0 });
    await slot.stop();
    expect((await rejection(slot.infer(new Float32Array(64), 1))).code).toBe('CANCELLED');
  });

  it('does not restart after stop()', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const h = fakeHost(6);
    const startHost = vi.fn(async () => h.host);
    const slot = slotWith(startHost);
    await slot.start();
    h.crash('gone');
    await slot.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(startHost).toHaveBeenCalledTimes(1);
  });
});

describe('ModelSlot queue', () => {
  it('runs requests one at a time in order and makes callers wait for room', async () => {
    const h = fakeHost(7);
    const slot = slotWith(async () => h.host);
    await slot.start();
    const order: number[] = [];
    const calls = [1, 2, 3, 4, 5].map((i) => slot.infer(new Float32Array(64), 1).then(() => order.push(i)));
    await flush();
    expect(h.pending).toHaveLength(1); // only one run in flight
    expect(slot.queueDepth).toBe(5); // 1 running + 2 queued + 2 waiting for room
    for (let i = 0; i < 5; i++) {
      h.answer();
      await flush();
    }
    await Promise.all(calls);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(slot.queueDepth).toBe(0);
    expect(slot.snapshot()).toMatchObject({ runs: 5, failures: 0 });
  });

  it('summarises outputs in manifest class order with per-sample latency', async () => {
    const h = fakeHost(8);
    const slot = slotWith(async () => h.host);
    await slot.start();
    const result = slot.infer(new Float32Array(128), 2);
    await flush();
    h.answer();
    const [first, second] = await result;
    expect(first.probs.map((p) => +p.toFixed(6))).toEqual([0.1, 0.2, 0.3, 0.3, 0.1]);
    expect(first.uncertainty.margin).toBeCloseTo(0, 6);
    expect(first.uncertainty.epistemic).toBeUndefined();
    expect(second.latencyMs).toBeGreaterThanOrEqual(0);
    expect(slot.snapshot().classIds).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(slot.snapshot().latencyMsP50).toBe(first.latencyMs);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createShutdown } from './shutdown.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('createShutdown', () => {
  it('stops once and exits 0 however many quit paths fire', async () => {
    const stop = vi.fn(async () => undefined);
    const exit = vi.fn();
    const shutdown = createShutdown({ stop, exit, timeoutMs: 1000 });
    expect(shutdown.requested).toBe(false);

    const first = shutdown.request('before-quit');
    const second = shutdown.request('SIGTERM');
    expect(shutdown.requested).toBe(true);
    await Promise.all([first, second]);

    expect(stop).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits 1 when stop rejects', async () => {
    const exit = vi.fn();
    const log = vi.fn();
    const shutdown = createShutdown({ stop: () => Promise.reject(new Error('db busy')), exit, timeoutMs: 1000, log });
    await shutdown.request('window-all-closed');
    expect(exit).toHaveBeenCalledWith(1);
    expect(log).toHaveBeenCalledWith('shutdown failed: db busy');
  });

  it('exits 1 after the deadline when stop hangs', async () => {
    vi.useFakeTimers();
    const exit = vi.fn();
    const shutdown = createShutdown({ stop: () => new Promise<void>(() => undefined), exit, timeoutMs: 10_000 });
    const done = shutdown.request('SIGTERM');

    await vi.advanceTimersByTimeAsync(9_999);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('exits with the requested code when stopping went fine', async () => {
    const exit = vi.fn();
    const shutdown = createShutdown({ stop: async () => undefined, exit, timeoutMs: 1000 });
    await shutdown.request('startup failed', 2);
    expect(exit).toHaveBeenCalledWith(2);
  });

  it('does not wait for the deadline once stop has finished', async () => {
    vi.useFakeTimers();
    const exit = vi.fn();
    const shutdown = createShutdown({ stop: async () => undefined, exit, timeoutMs: 10_000 });
    await shutdown.request('before-quit');
    expect(exit).toHaveBeenCalledWith(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

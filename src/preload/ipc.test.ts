import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Requiring the real 'electron' package outside Electron throws, so the test supplies ipcRenderer.
const fake = vi.hoisted(() => ({ ipcRenderer: undefined as unknown as FakeIpcRenderer }));
vi.mock('electron', () => ({
  get ipcRenderer() {
    return fake.ipcRenderer;
  },
}));

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'pong' }));
  /** What main would do: webContents.send('api:event', name, payload). */
  emitApiEvent(name: unknown, payload: unknown): void {
    this.emit('api:event', { sender: this }, name, payload);
  }
}

const { createIpcRendererTransport } = await import('./ipc.ts');

beforeEach(() => {
  fake.ipcRenderer = new FakeIpcRenderer();
});

describe('createIpcRendererTransport', () => {
  it('invokes through the single api:invoke channel', async () => {
    const transport = createIpcRendererTransport();
    expect(await transport.invoke('stations:list', {})).toEqual({ ok: true, value: 'pong' });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('api:invoke', 'stations:list', {});
  });

  it('turns an IPC rejection into an INTERNAL failure Result', async () => {
    fake.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'api:invoke'"));
    const result = await createIpcRendererTransport().invoke('stations:list', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: "IPC failed: No handler registered for 'api:invoke'" },
    });
  });

  it('delivers only the subscribed event, payload only, and stops after unsubscribe', () => {
    const transport = createIpcRendererTransport();
    const status = vi.fn();
    const notice = vi.fn();
    const offStatus = transport.subscribe('stations:status-changed', status);
    transport.subscribe('app:notice', notice);

    fake.ipcRenderer.emitApiEvent('stations:status-changed', [{ id: 'a' }]);
    expect(status).toHaveBeenCalledWith([{ id: 'a' }]);
    expect(status.mock.calls[0]).toHaveLength(1); // Electron's event object never reaches the renderer
    expect(notice).not.toHaveBeenCalled();

    offStatus();
    offStatus(); // idempotent
    fake.ipcRenderer.emitApiEvent('stations:status-changed', []);
    expect(status).toHaveBeenCalledTimes(1);
  });

  it('holds one ipcRenderer listener while anything is subscribed, none afterwards', () => {
    const transport = createIpcRendererTransport();
    const offA = transport.subscribe('app:notice', () => undefined);
    const offB = transport.subscribe('models:changed', () => undefined);
    expect(fake.ipcRenderer.listenerCount('api:event')).toBe(1);
    offA();
    expect(fake.ipcRenderer.listenerCount('api:event')).toBe(1);
    offB();
    expect(fake.ipcRenderer.listenerCount('api:event')).toBe(0);
  });

  it('treats the same function subscribed twice as two subscriptions', () => {
    const transport = createIpcRendererTransport();
    const listener = vi.fn();
    const off1 = transport.subscribe('app:notice', listener);
    transport.subscribe('app:notice', listener);
    off1();
    fake.ipcRenderer.emitApiEvent('app:notice', 'x');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering to other listeners when one throws', async () => {
    const transport = createIpcRendererTransport();
    const good = vi.fn();
    transport.subscribe('app:notice', () => {
      throw new Error('listener bug');
    });
    transport.subscribe('app:notice', good);
    const rethrown = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    fake.ipcRenderer.emitApiEvent('app:notice', 'x');
    expect(good).toHaveBeenCalledWith('x');
    expect(await rethrown).toMatchObject({ message: 'listener bug' });
  });
});

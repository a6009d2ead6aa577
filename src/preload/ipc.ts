/**
 * The renderer side of the Electron IPC transport: the only importer of `ipcRenderer`.
 *
 * The raw ipcRenderer never leaves this module: callers get a Transport whose
 * subscriptions return their own unsubscribe function, and event listeners never
 * see Electron's event object (its `sender` would be ipcRenderer itself).
 */
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Transport } from '../shared/api.ts';
import type { Result } from '../shared/result.ts';
import { API_EVENT_CHANNEL, API_INVOKE_CHANNEL } from '../main/electron/ipc-channels.ts';

type Listener = (payload: unknown) => void;

// A listener that throws must not starve the others; rethrow it on its own so it still reaches the console.
function deliver(listener: Listener, payload: unknown): void {
  try {
    listener(payload);
  } catch (err) {
    queueMicrotask(() => {
      throw err;
    });
  }
}

/** Builds a Transport over `ipcRenderer.invoke` / `ipcRenderer.on` with one shared event listener. */
export function createIpcRendererTransport(): Transport {
  // Each subscription is its own entry, so subscribing one function twice needs two unsubscribes.
  const subscriptions = new Map<string, Set<{ listener: Listener }>>();

  const onEvent = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
    if (typeof name !== 'string') return;
    for (const entry of [...(subscriptions.get(name) ?? [])]) deliver(entry.listener, payload);
  };
  const attachIfFirst = () => {
    if (subscriptions.size === 0) ipcRenderer.on(API_EVENT_CHANNEL, onEvent);
  };
  const detachIfLast = () => {
    if (subscriptions.size === 0) ipcRenderer.removeListener(API_EVENT_CHANNEL, onEvent);
  };

  return {
    async invoke(channel, payload) {
      try {
        return (await ipcRenderer.invoke(API_INVOKE_CHANNEL, channel, payload)) as Result<unknown>;
      } catch (err) {
        // Only reached if main has no handler yet or the payload cannot be cloned; still a Result.
        const message = err instanceof Error ? err.message : String(err);
        return { ok: false, error: { code: 'INTERNAL', message: `IPC failed: ${message}` } };
      }
    },
    subscribe(event, listener) {
      attachIfFirst();
      const entry = { listener };
      const set = subscriptions.get(event) ?? new Set();
      set.add(entry);
      subscriptions.set(event, set);
      return () => {
        if (!set.delete(entry)) return;
        if (set.size === 0 && subscriptions.get(event) === set) subscriptions.delete(event);
        detachIfLast();
      };
    },
  };
}

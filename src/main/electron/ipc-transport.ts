/**
 * Electron IPC transport: the only main-side user of `ipcMain`.
 *
 * One `ipcMain.handle` dispatcher carries every invoke channel to the router after
 * the trusted-sender check; router events go to every window showing our renderer.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import type { EventChannel, EventPayload } from '../../shared/contract.ts';
import type { ApiRouter } from '../api/router.ts';
import { dispatchInvoke } from './ipc-dispatch.ts';
import { API_EVENT_CHANNEL, API_INVOKE_CHANNEL } from './ipc-channels.ts';
import { isAppUrl, type SenderFrame } from './security.ts';

export interface IpcTransport {
  /** Sends an event to every renderer window (also used for main-only events like `menu:command`). */
  broadcast<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
  /** Removes the handler and the router subscription. */
  dispose(): void;
}

// A frame that navigated away or was destroyed throws on property access; treat it as no sender.
function senderOf(frame: WebFrameMain | null): SenderFrame | null {
  try {
    return frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
  } catch {
    return null;
  }
}

function sendToRenderers(event: string, payload: unknown): void {
  for (const window of BrowserWindow.getAllWindows()) {
    const contents = window.webContents;
    // Only our own document may receive data, even if a window was somehow navigated elsewhere.
    if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(API_EVENT_CHANNEL, event, payload);
  }
}

/** Registers the IPC dispatcher for `router` and forwards its events to the renderers. */
export function attachIpcTransport(router: ApiRouter): IpcTransport {
  ipcMain.handle(API_INVOKE_CHANNEL, (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) =>
    dispatchInvoke(router, senderOf(event.senderFrame), channel, payload),
  );
  const unsubscribe = router.onEvent(sendToRenderers);
  return {
    broadcast: (event, payload) => sendToRenderers(event, payload),
    dispose() {
      unsubscribe();
      ipcMain.removeHandler(API_INVOKE_CHANNEL);
    },
  };
}

/**
 * The main window with locked-down webPreferences, and the navigation rules every
 * web contents gets (no popups, no navigation away, no <webview>).
 */
import { BrowserWindow, screen, shell, type WebContents } from 'electron';
import type { Logger } from '../app/logger.ts';
import { RENDERER_ENTRY_URL, isAllowedExternalUrl, isAllowedNavigation } from './security.ts';
import { MIN_WINDOW_SIZE, fitToDisplays, readWindowState, writeWindowState, type WindowState } from './window-state.ts';

export interface MainWindowOptions {
  /** out/preload/index.cjs */
  readonly preloadPath: string;
  /** Where the window size and position are remembered. */
  readonly stateFile: string;
  readonly title: string;
  /** Developer tools are available only in unpackaged builds. */
  readonly devTools: boolean;
}

export interface MainWindow {
  readonly window: BrowserWindow;
  /** Writes the current size and position; safe to call after the window closed. */
  saveState(): Promise<void>;
}

/** Applies the navigation rules to any web contents (call from app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents, log: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    else log.warn('window.open refused', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void; url: string }) => {
    if (isAllowedNavigation(contents.getURL(), event.url)) return;
    event.preventDefault();
    log.warn('navigation refused', { url: event.url.slice(0, 200) });
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function currentState(window: BrowserWindow): WindowState {
  const bounds = window.getNormalBounds(); // the restored size, even while maximized
  return { ...bounds, maximized: window.isMaximized() };
}

/** Opens the main window at its remembered size and loads the renderer. */
export async function openMainWindow(options: MainWindowOptions): Promise<MainWindow> {
  const saved = await readWindowState(options.stateFile);
  const state = fitToDisplays(saved, screen.getAllDisplays().map((d) => d.workArea));
  const window = new BrowserWindow({
    ...state,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: options.title,
    show: false,
    backgroundColor: '#0d1117',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  });

  let lastSave: Promise<void> = Promise.resolve();
  let lastState = state;
  const saveState = (): Promise<void> => {
    if (!window.isDestroyed()) lastState = currentState(window);
    lastSave = lastSave.then(() => writeWindowState(options.stateFile, lastState));
    return lastSave;
  };
  window.on('close', () => void saveState());
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  await window.loadURL(RENDERER_ENTRY_URL);
  return { window, saveState };
}

/**
 * The desktop entry point: bootstrap only.
 *
 * Single-instance lock → data folder → services (the container) → IPC → menu → window,
 * and one time-boxed graceful shutdown that every quit path goes through.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { toAppError } from '../../shared/errors.ts';
import { createContainer, type AppContainer } from '../app/container.ts';
import { createLogger, fileSink, type Logger } from '../app/logger.ts';
import { appRoot, dataPaths } from '../app/paths.ts';
import { attachIpcTransport, type IpcTransport } from './ipc-transport.ts';
import { parseLaunchOptions, type LaunchOptions } from './launch-options.ts';
import { installApplicationMenu } from './menu.ts';
import { hardenSession, registerAppScheme, serveRenderer } from './protocol.ts';
import { createSafeStorageSecretStore } from './secrets.ts';
import { pickModelPackage } from './dialogs.ts';
import { mapImageOrigins } from '../vessels/map-tiles.ts';
import { createShutdown, type Shutdown } from './shutdown.ts';
import { hardenWebContents, openMainWindow, type MainWindow } from './window.ts';

const SHUTDOWN_TIMEOUT_MS = 10_000;

/** What is running; filled in as startup proceeds, read by shutdown. */
interface Running {
  container?: AppContainer;
  transport?: IpcTransport;
  mainWindow?: MainWindow;
}

/** Tells the user why the app cannot run (showErrorBox works even before 'ready'). */
function reportFatal(title: string, err: unknown): void {
  const message = toAppError(err).message;
  process.stderr.write(`${title}: ${message}\n`);
  dialog.showErrorBox(title, message);
}

function focus(window: BrowserWindow | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function installQuitHandlers(shutdown: Shutdown): void {
  // app.exit() (what shutdown ends with) emits no before-quit, so this cannot loop.
  app.on('before-quit', (event) => {
    event.preventDefault();
    void shutdown.request('quit');
  });
  // macOS apps stay alive without windows (the live pipeline keeps running); 'activate' reopens one.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') void shutdown.request('window-all-closed');
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown.request(signal));
}

async function stopAll(running: Running): Promise<void> {
  await running.mainWindow?.saveState();
  running.transport?.dispose();
  await running.container?.stop();
}

async function showWindow(running: Running, log: Logger): Promise<void> {
  running.mainWindow = await openMainWindow({
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    stateFile: join(app.getPath('userData'), 'window-state.json'),
    title: app.name,
    devTools: !app.isPackaged,
  });
  running.mainWindow.window.on('closed', () => {
    running.mainWindow = undefined;
  });
  log.info('window shown');
}

async function startServices(running: Running, launch: LaunchOptions, dataDir: string, rootLog: Logger): Promise<void> {
  const log = rootLog.child('electron');
  running.container = await createContainer({
    dataDir,
    mode: 'desktop',
    secrets: createSafeStorageSecretStore(dataDir),
    logger: rootLog,
    pickModelPackage,
    ...(launch.demoSpeed !== undefined && { demoSpeed: launch.demoSpeed }),
    ...(launch.configFile !== undefined && { configFile: launch.configFile }),
  });
  const transport = attachIpcTransport(running.container.router);
  running.transport = transport;
  installApplicationMenu({
    docsDir: join(appRoot(), 'docs'),
    logsDir: dataPaths(dataDir).logs,
    sendCommand: (command) => transport.broadcast('menu:command', { command }),
    log,
  });
  await running.container.start();
  log.info('services started', { dataDir });
}

function prepareSession(log: Logger, running: Running): void {
  // The renderer is inside app.asar when packaged; app.getAppPath() is the repo root in development.
  const rendererRoot = join(app.getAppPath(), 'out', 'renderer');
  // The map's online tile host (Settings on the Map page), read per request: none until the analyst sets one.
  const tileOrigins = () => (running.container ? mapImageOrigins(running.container.repos.settings) : []);
  hardenSession(session.defaultSession, log, tileOrigins);
  serveRenderer(session.defaultSession, rendererRoot, tileOrigins);
}

async function main(): Promise<void> {
  registerAppScheme();
  let launch: LaunchOptions;
  try {
    launch = parseLaunchOptions(process.argv, process.env);
  } catch (err) {
    reportFatal('Invalid command line', err);
    app.exit(2);
    return;
  }
  // One data folder per instance: userData (Chromium state, window state, secrets) follows --data-dir,
  // which also makes the single-instance lock per data folder.
  if (launch.dataDir) app.setPath('userData', launch.dataDir);
  // Bundled models and demo resources sit beside app.asar, not inside it (paths.ts reads this).
  if (app.isPackaged) process.env.AIW_RESOURCES_DIR ??= process.resourcesPath;
  if (!app.requestSingleInstanceLock()) {
    app.exit(0); // the running instance gets 'second-instance' and comes forward
    return;
  }

  const dataDir = app.getPath('userData');
  // One log file for the shell and the services: the container writes through this logger too.
  const rootLog = createLogger(fileSink(join(dataPaths(dataDir).logs, 'aiw.log')));
  const log = rootLog.child('electron');
  const running: Running = {};
  const shutdown = createShutdown({
    stop: () => stopAll(running),
    exit: (code) => app.exit(code),
    timeoutMs: SHUTDOWN_TIMEOUT_MS,
    log: (message) => log.info(message),
  });
  installQuitHandlers(shutdown);
  app.on('second-instance', () => focus(running.mainWindow?.window));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));

  await app.whenReady();
  try {
    prepareSession(log, running);
    await startServices(running, launch, dataDir, rootLog);
    if (shutdown.requested) return;
    await showWindow(running, log);
  } catch (err) {
    log.error('startup failed', { message: toAppError(err).message });
    reportFatal('Acoustic Inference Workstation could not start', err);
    await shutdown.request('startup failed', 1);
    return;
  }
  app.on('activate', () => {
    if (running.mainWindow || shutdown.requested) return;
    showWindow(running, log).catch((err: unknown) => log.error('cannot reopen window', { message: toAppError(err).message }));
  });
}

main().catch((err: unknown) => {
  reportFatal('Acoustic Inference Workstation failed', err);
  app.exit(1);
});

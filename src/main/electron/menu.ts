/**
 * Installs the application menu and its About panel, wiring the template's
 * actions to the renderer (via the IPC transport) and to the OS file browser.
 */
import { mkdir } from 'node:fs/promises';
import { app, Menu, shell } from 'electron';
import type { Logger } from '../app/logger.ts';
import { buildMenuTemplate, type MenuCommand } from './menu-template.ts';

export interface AppMenuOptions {
  readonly docsDir: string;
  readonly logsDir: string;
  /** Forwards a command to the renderer as a `menu:command` event. */
  readonly sendCommand: (command: MenuCommand) => void;
  readonly log: Logger;
}

async function openFolder(dir: string, log: Logger): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const error = await shell.openPath(dir); // resolves to an error message, or '' on success
    if (error) log.warn('cannot open folder', { dir, error });
  } catch (err) {
    log.warn('cannot open folder', { dir, error: String(err) });
  }
}

/** Sets the About panel and the application menu for this platform. */
export function installApplicationMenu(options: AppMenuOptions): void {
  app.setAboutPanelOptions({
    applicationName: app.name,
    applicationVersion: app.getVersion(),
    version: `Electron ${process.versions.electron ?? '?'}`,
    copyright: 'MIT License',
  });
  const template = buildMenuTemplate(
    { platform: process.platform, appName: app.name, isDev: !app.isPackaged },
    {
      command: options.sendCommand,
      openDocsFolder: () => void openFolder(options.docsDir, options.log),
      openLogsFolder: () => void openFolder(options.logsDir, options.log),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

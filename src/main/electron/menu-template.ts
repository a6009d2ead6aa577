/**
 * The application menu as data: built from the platform and a set of actions so it
 * is tested without Electron (only Electron's *types* are imported here).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { EventPayload } from '../../shared/contract.ts';

/** A command the menu forwards to the renderer as a `menu:command` event. */
export type MenuCommand = EventPayload<'menu:command'>['command'];

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  /** Unpackaged build: adds reload and developer tools. */
  readonly isDev: boolean;
}

export interface MenuActions {
  /** Sends a command to the renderer. */
  command(command: MenuCommand): void;
  openDocsFolder(): void;
  openLogsFolder(): void;
}

type Item = MenuItemConstructorOptions;

const VIEWS: ReadonlyArray<{ label: string; command: MenuCommand }> = [
  { label: 'Live', command: 'view:live' },
  { label: 'Review', command: 'view:review' },
  { label: 'Models', command: 'view:models' },
  { label: 'Map', command: 'view:map' },
  { label: 'Metrics', command: 'view:metrics' },
  { label: 'Sessions', command: 'view:sessions' },
];

function commandItem(label: string, command: MenuCommand, actions: MenuActions, accelerator?: string): Item {
  return { label, click: () => actions.command(command), ...(accelerator && { accelerator }) };
}

function settingsItem(actions: MenuActions): Item {
  return commandItem('Settings…', 'settings:open', actions, 'CmdOrCtrl+,');
}

// On macOS, About, Settings and Quit live in the app menu; elsewhere in File and Help.
function macAppMenu(options: MenuOptions, actions: MenuActions): Item {
  return {
    label: options.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      settingsItem(actions),
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
}

function fileMenu(options: MenuOptions, actions: MenuActions): Item {
  const exportMenu: Item = {
    label: 'Export',
    submenu: [
      commandItem('PNG of Current View…', 'export:png', actions, 'CmdOrCtrl+Shift+E'),
      commandItem('CSV…', 'export:csv', actions),
    ],
  };
  const isMac = options.platform === 'darwin';
  const rest: Item[] = isMac ? [{ role: 'close' }] : [settingsItem(actions), { type: 'separator' }, { role: 'quit' }];
  return { label: 'File', submenu: [exportMenu, { type: 'separator' }, ...rest] };
}

function viewMenu(options: MenuOptions, actions: MenuActions): Item {
  const views = VIEWS.map((v, i) => commandItem(v.label, v.command, actions, `CmdOrCtrl+${i + 1}`));
  const dev: Item[] = options.isDev
    ? [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
    : [];
  const zoom: Item[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }];
  return {
    label: 'View',
    submenu: [...views, ...dev, { type: 'separator' }, ...zoom, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
}

function helpMenu(options: MenuOptions, actions: MenuActions): Item {
  const about: Item[] = options.platform === 'darwin' ? [] : [{ type: 'separator' }, { role: 'about' }];
  return {
    role: 'help',
    submenu: [
      { label: 'Open Documentation Folder', click: () => actions.openDocsFolder() },
      { label: 'Show Logs Folder', click: () => actions.openLogsFolder() },
      ...about,
    ],
  };
}

/** Builds the whole menu template for `options.platform`. */
export function buildMenuTemplate(options: MenuOptions, actions: MenuActions): Item[] {
  const isMac = options.platform === 'darwin';
  return [
    ...(isMac ? [macAppMenu(options, actions)] : []),
    fileMenu(options, actions),
    // Without an Edit menu, copy/paste shortcuts do not work in text fields on macOS.
    { role: 'editMenu' },
    viewMenu(options, actions),
    ...(isMac ? [{ role: 'windowMenu' } satisfies Item] : []),
    helpMenu(options, actions),
  ];
}

import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuActions, type MenuCommand, type MenuOptions } from './menu-template.ts';

type Item = MenuItemConstructorOptions;

function actions() {
  return {
    command: vi.fn<(command: MenuCommand) => void>(),
    openDocsFolder: vi.fn<() => void>(),
    openLogsFolder: vi.fn<() => void>(),
  } satisfies MenuActions;
}

const linux: MenuOptions = { platform: 'linux', appName: 'AIW', isDev: false };
const mac: MenuOptions = { platform: 'darwin', appName: 'AIW', isDev: false };

function submenu(item: Item | undefined): Item[] {
  return (item?.submenu ?? []) as Item[];
}

function find(items: Item[], label: string): Item | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = find(submenu(item), label);
    if (inner) return inner;
  }
  return undefined;
}

function roles(items: Item[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(submenu(item))]);
}

function click(item: Item | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe('buildMenuTemplate', () => {
  it('sends view and export commands to the renderer', () => {
    const a = actions();
    const template = buildMenuTemplate(linux, a);
    click(find(template, 'Live'));
    click(find(template, 'Review'));
    click(find(template, 'Map'));
    click(find(template, 'PNG of Current View…'));
    click(find(template, 'CSV…'));
    click(find(template, 'Settings…'));
    expect(a.command.mock.calls.map((c) => c[0])).toEqual(['view:live', 'view:review', 'view:map', 'export:png', 'export:csv', 'settings:open']);
  });

  it('lists View → Live and Review first, numbering the six views with CmdOrCtrl+1..6', () => {
    const view = buildMenuTemplate(linux, actions()).find((i) => i.label === 'View');
    const views = submenu(view).slice(0, 6);
    expect(views.map((v) => [v.label, v.accelerator])).toEqual([
      ['Live', 'CmdOrCtrl+1'],
      ['Review', 'CmdOrCtrl+2'],
      ['Models', 'CmdOrCtrl+3'],
      ['Map', 'CmdOrCtrl+4'],
      ['Metrics', 'CmdOrCtrl+5'],
      ['Sessions', 'CmdOrCtrl+6'],
    ]);
  });

  it('puts About, Settings and Quit in the app menu on macOS only', () => {
    const macTemplate = buildMenuTemplate(mac, actions());
    expect(macTemplate.map((i) => i.label ?? i.role)).toEqual(['AIW', 'File', 'editMenu', 'View', 'windowMenu', 'help']);
    expect(roles(submenu(macTemplate[0]))).toEqual(expect.arrayContaining(['about', 'quit']));
    expect(roles(submenu(macTemplate[1]))).not.toContain('quit');

    const linuxTemplate = buildMenuTemplate(linux, actions());
    expect(linuxTemplate.map((i) => i.label ?? i.role)).toEqual(['File', 'editMenu', 'View', 'help']);
    expect(roles(submenu(linuxTemplate[0]))).toContain('quit');
    expect(roles(submenu(linuxTemplate[3]))).toContain('about');
  });

  it('offers reload and developer tools only in development', () => {
    expect(roles(buildMenuTemplate(linux, actions()))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ ...linux, isDev: true }, actions()))).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
  });

  it('opens the docs and logs folders from Help', () => {
    const a = actions();
    const template = buildMenuTemplate(linux, a);
    click(find(template, 'Open Documentation Folder'));
    click(find(template, 'Show Logs Folder'));
    expect(a.openDocsFolder).toHaveBeenCalledTimes(1);
    expect(a.openLogsFolder).toHaveBeenCalledTimes(1);
  });
});

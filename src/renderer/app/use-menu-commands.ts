/**
 * Carries out the desktop menu's commands (Electron sends them as `menu:command` events). The
 * header's Export button runs the same commands, so headless and desktop export alike.
 */
import { useEffect } from 'react';
import type { EventPayload } from '../../shared/contract.ts';
import { useExportDialog } from '../features/review/export-dialog-store.ts';
import { useApi } from './api-context.tsx';

type MenuCommand = EventPayload<'menu:command'>['command'];

/** Runs one menu command. */
export function runMenuCommand(command: MenuCommand): void {
  // File → Export → "PNG of Current View…" and "CSV…" both open the Export dialog (size, scale, what).
  if (command === 'export:png' || command === 'export:csv') useExportDialog.getState().show();
  else if (command === 'settings:open') window.location.hash = '#/settings';
  else window.location.hash = `#/${command.slice('view:'.length)}`;
}

/** Subscribes to menu commands for the lifetime of the app. */
export function useMenuCommands(): void {
  const api = useApi();
  useEffect(() => api.on('menu:command', ({ command }) => runMenuCommand(command)), [api]);
}

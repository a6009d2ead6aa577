/**
 * Carries out the desktop menu's commands (Electron sends them as `menu:command` events). The
 * header's Export button runs the same commands, so headless and desktop export alike.
 */
import { useEffect } from 'react';
import type { EventPayload } from '../../shared/contract.ts';
import { useExportDialog } from '../features/review/export-dialog-store.ts';
import { useApi } from './api-context.tsx';

type MenuCommand = EventPayload<'menu:command'>['command'];

/** What a command does: open the Export dialog, or go to a page (its location hash). */
export type MenuAction = { readonly kind: 'export' } | { readonly kind: 'navigate'; readonly hash: string };

/** The action of one menu command (pure: tested without a window). */
export function menuAction(command: MenuCommand): MenuAction {
  // File → Export → "PNG of Current View…" and "CSV…" both open the Export dialog (size, scale, what).
  if (command === 'export:png' || command === 'export:csv') return { kind: 'export' };
  if (command === 'settings:open') return { kind: 'navigate', hash: '#/settings' };
  // View → Live, Review, Models…: `view:review` opens the review view of the selected station.
  return { kind: 'navigate', hash: `#/${command.slice('view:'.length)}` };
}

/** Runs one menu command. */
export function runMenuCommand(command: MenuCommand): void {
  const action = menuAction(command);
  if (action.kind === 'export') useExportDialog.getState().show();
  else window.location.hash = action.hash;
}

/** Subscribes to menu commands for the lifetime of the app. */
export function useMenuCommands(): void {
  const api = useApi();
  useEffect(() => api.on('menu:command', ({ command }) => runMenuCommand(command)), [api]);
}

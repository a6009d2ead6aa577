import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventContract } from '../../shared/contract.ts';
import { useExportDialog } from '../features/review/export-dialog-store.ts';
import { routeFromHash, ROUTES } from './routes.ts';
import { menuAction, runMenuCommand } from './use-menu-commands.ts';

const COMMANDS = eventContract['menu:command'].shape.command.options;

describe('menu commands in the renderer', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    useExportDialog.getState().close();
  });

  it('View → Live and View → Review go to their pages', () => {
    expect(menuAction('view:live')).toEqual({ kind: 'navigate', hash: '#/live' });
    expect(menuAction('view:review')).toEqual({ kind: 'navigate', hash: '#/review' });
    expect(routeFromHash('#/review')).toBe('review');
  });

  it('every view command names an existing page', () => {
    for (const command of COMMANDS.filter((c) => c.startsWith('view:'))) {
      const action = menuAction(command);
      expect(action.kind).toBe('navigate');
      const id = action.kind === 'navigate' ? action.hash.slice(2) : '';
      expect(ROUTES.map((r) => r.id as string)).toContain(id);
    }
  });

  it('runs a command: navigates by the location hash, or opens the Export dialog', () => {
    const location = { hash: '#/live' };
    vi.stubGlobal('window', { location });
    runMenuCommand('view:review');
    expect(location.hash).toBe('#/review');
    runMenuCommand('view:live');
    expect(location.hash).toBe('#/live');
    runMenuCommand('export:png');
    expect(useExportDialog.getState().open).toBe(true);
    expect(location.hash).toBe('#/live');
  });
});

/**
 * Native file dialogs the services ask for through hooks (they never import Electron).
 */
import { basename, dirname } from 'node:path';
import { BrowserWindow, dialog } from 'electron';

/**
 * Lets the analyst pick a model package: a .zip, or a folder by choosing its model.json
 * (Linux and Windows dialogs cannot select files and folders at once). Undefined when cancelled.
 */
export async function pickModelPackage(): Promise<string | undefined> {
  const options: Electron.OpenDialogOptions = {
    title: 'Deploy a model package (.zip, or the model.json of a package folder)',
    buttonLabel: 'Deploy',
    properties: ['openFile'],
    filters: [{ name: 'Model package', extensions: ['zip', 'json'] }],
  };
  const parent = BrowserWindow.getFocusedWindow();
  const picked = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  const file = picked.canceled ? undefined : picked.filePaths[0];
  if (!file) return undefined;
  return basename(file) === 'model.json' ? dirname(file) : file;
}

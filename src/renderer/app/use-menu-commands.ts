/**
 * Carries out the desktop menu's commands (Electron sends them as `menu:command` events).
 */
import { useEffect } from 'react';
import type { EventPayload } from '../../shared/contract.ts';
import { predictionsToCsv } from '../features/live/predictions-csv.ts';
import { takeSpectrogramSnapshot } from '../features/live/spectrogram-snapshot.ts';
import { downloadBlob, fileStamp } from '../lib/download.ts';
import { useNoticesStore } from '../state/notices-store.ts';
import { usePredictionsStore } from '../state/predictions-store.ts';
import { useStationsStore } from '../state/stations-store.ts';
import { useApi } from './api-context.tsx';

type MenuCommand = EventPayload<'menu:command'>['command'];

function warn(message: string): void {
  useNoticesStore.getState().push({ level: 'warning', code: 'EXPORT', message, at: Date.now() });
}

function exportCsv(): void {
  const stationId = useStationsStore.getState().selectedId;
  const predictions = stationId ? usePredictionsStore.getState().byStation[stationId] : undefined;
  if (!stationId || !predictions?.length) return warn('No predictions to export yet.');
  downloadBlob(new Blob([predictionsToCsv(predictions)], { type: 'text/csv' }), `predictions-${stationId}-${fileStamp(Date.now())}.csv`);
}

async function exportPng(): Promise<void> {
  const pending = takeSpectrogramSnapshot();
  if (!pending) return warn('Open the Live view to export the spectrogram.');
  const stationId = useStationsStore.getState().selectedId ?? 'station';
  downloadBlob(await pending, `spectrogram-${stationId}-${fileStamp(Date.now())}.png`);
}

/** Runs one menu command. */
export function runMenuCommand(command: MenuCommand): void {
  if (command === 'export:csv') exportCsv();
  else if (command === 'export:png') void exportPng();
  else if (command === 'settings:open') window.location.hash = '#/settings';
  else window.location.hash = `#/${command.slice('view:'.length)}`;
}

/** Subscribes to menu commands for the lifetime of the app. */
export function useMenuCommands(): void {
  const api = useApi();
  useEffect(() => api.on('menu:command', ({ command }) => runMenuCommand(command)), [api]);
}

/**
 * The exports behind File → Export, the header's Export menu and every plot's PNG button: PNG of
 * the view or of one plot (chosen size and scale, metadata footer and text chunks), CSV of the
 * predictions, labels or metrics of the visible range, and the selected audio as WAV. Everything
 * downloads through the browser, so it works the same in the desktop app and headless.
 */
import type { Api } from '../../../shared/api.ts';
import { base64ToBytes } from '../../lib/base64.ts';
import { downloadBlob, fileStamp } from '../../lib/download.ts';
import { notifyError, useNoticesStore } from '../../state/notices-store.ts';
import { usePredictionsStore } from '../../state/predictions-store.ts';
import { useStationsStore } from '../../state/stations-store.ts';
import { predictionsToCsv } from '../live/predictions-csv.ts';
import { useExportContext, type ExportContext } from './export-context.ts';
import { canvasToPngWithText, composeFigure, footerLines, metadataChunks } from './figure.ts';
import { exportablePlot, exportablePlots, type ExportablePlot } from './plot-registry.ts';

export interface PngOptions {
  /** CSS px (the figure is width × scale pixels wide). */
  readonly width?: number;
  /** Single plot only: its height, CSS px. */
  readonly height?: number;
  /** Device pixels per CSS px (2 = print quality on most journals' column widths). */
  readonly scale?: number;
  readonly fileName?: string;
}

export type CsvKind = 'predictions' | 'labels' | 'metrics';

let appVersion: Promise<string | undefined> | undefined;

function warn(message: string): void {
  useNoticesStore.getState().push({ level: 'warning', code: 'EXPORT', message, at: Date.now() });
}

/** The export context, completed from the live stores when the page on screen set less. */
export function currentContext(): ExportContext {
  const ctx = useExportContext.getState();
  const stationId = ctx.stationId ?? useStationsStore.getState().selectedId;
  const predictions = stationId ? (usePredictionsStore.getState().byStation[stationId] ?? []) : [];
  const from = ctx.from ?? predictions[0]?.segmentStart;
  const to = ctx.to ?? predictions.at(-1)?.segmentEnd;
  const models = ctx.models.length ? ctx.models : [...new Set(predictions.map((p) => `${p.modelId}@${p.modelVersion}`))];
  const name = ctx.stationName ?? useStationsStore.getState().statuses.find((s) => s.stationId === stationId)?.name;
  return { ...ctx, stationId, stationName: name, from, to, models };
}

async function figureMeta(api: Api, title: string) {
  appVersion ??= api.invoke('app:get-info', {}).then((r) => (r.ok ? r.value.version : undefined));
  const ctx = currentContext();
  return { ...ctx, title, appVersion: await appVersion, at: Date.now() };
}

async function savePng(api: Api, title: string, plots: readonly ExportablePlot[], o: PngOptions, name: string): Promise<void> {
  const scale = o.scale ?? 2;
  const width = Math.round(o.width ?? Math.max(...plots.map((p) => p.size().width)));
  const parts = await Promise.all(plots.map((p) => p.render(width, Math.round(o.height ?? p.size().height), scale)));
  const meta = await figureMeta(api, title);
  const blob = await canvasToPngWithText(composeFigure(title, parts, footerLines(meta), scale), metadataChunks(meta));
  downloadBlob(blob, o.fileName ?? `${name}-${meta.stationId ?? 'station'}-${fileStamp(meta.at)}.png`);
}

/** PNG of every plot of the view, stacked. */
export async function exportViewPng(api: Api, o: PngOptions = {}): Promise<void> {
  const plots = exportablePlots();
  if (plots.length === 0) return warn('Nothing to export here: open the Live or Review view.');
  const ctx = currentContext();
  await savePng(api, `${plots.map((p) => p.title).join(', ')} — ${ctx.stationName ?? ctx.stationId ?? ''}`, plots, o, 'view')
    .catch((err: unknown) => notifyError('Exporting the view', { code: 'INTERNAL', message: (err as Error).message }));
}

/** PNG of one plot. */
export async function exportPlotPng(api: Api, id: string, o: PngOptions = {}): Promise<void> {
  const plot = exportablePlot(id);
  if (!plot) return warn('That plot is not on screen.');
  const ctx = currentContext();
  await savePng(api, `${plot.title} — ${ctx.stationName ?? ctx.stationId ?? ''}`, [plot], o, id)
    .catch((err: unknown) => notifyError(`Exporting ${plot.title}`, { code: 'INTERNAL', message: (err as Error).message }));
}

/** CSV of the visible range: predictions and labels from the server, metrics as computed there. */
export async function exportCsv(api: Api, kind: CsvKind): Promise<void> {
  const { stationId, from, to } = currentContext();
  if (!stationId || from === undefined || to === undefined || to <= from) {
    const predictions = stationId ? usePredictionsStore.getState().byStation[stationId] : undefined;
    if (kind !== 'predictions' || !predictions?.length) return warn('No time range to export yet.');
    return downloadBlob(new Blob([predictionsToCsv(predictions)], { type: 'text/csv' }), `predictions-${stationId}-${fileStamp(Date.now())}.csv`);
  }
  const result = kind === 'metrics'
    ? await api.invoke('metrics:export-csv', { from, to, stationId })
    : await api.invoke('export:csv', { kind, stationId, from, to });
  if (!result.ok) return notifyError(`Exporting ${kind}`, result.error);
  downloadBlob(new Blob([result.value.csv], { type: 'text/csv' }), result.value.fileName);
}

/** The selected span's audio (default channel 0) as WAV, cut from the cache by the server. */
export async function exportWav(api: Api, span?: { from: number; to: number }, channels?: number[]): Promise<void> {
  const ctx = currentContext();
  const range = span ?? ctx.selection;
  if (!ctx.stationId || !range) return warn('Select a segment (or a span) in the Review view first.');
  const result = await api.invoke('export:wav', { stationId: ctx.stationId, from: range.from, to: range.to, ...(channels ? { channels } : {}) });
  if (!result.ok) return notifyError('Exporting audio', result.error);
  if (result.value.missingMs > 0) warn(`${Math.round(result.value.missingMs / 1000)} s of the span had no cached audio (silence in the file).`);
  downloadBlob(new Blob([base64ToBytes(result.value.base64).buffer as ArrayBuffer], { type: 'audio/wav' }), result.value.fileName);
}

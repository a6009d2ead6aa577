/**
 * A publication figure from rendered plots: a title above, the plots stacked at one width, and a
 * metadata footer (station, UTC time range, model ids and versions, mapping version, when and by
 * what it was made). The same metadata goes into the PNG's text chunks (lib/png-export.ts).
 */
import { insertTextChunks } from '../../lib/png-export.ts';
import { formatUtcDateTime } from '../../lib/time-format.ts';
import type { ExportContext } from './export-context.ts';
import type { PlotImage } from './plot-registry.ts';

const BG = '#0b1016';
const TEXT = '#e4eaf1';
const MUTED = '#9aa7b8';
const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';

export interface FigureMeta extends Pick<ExportContext, 'stationId' | 'stationName' | 'from' | 'to' | 'models' | 'mappingVersions'> {
  readonly title: string;
  readonly appVersion?: string;
  /** When it was made (epoch ms). */
  readonly at: number;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** The footer's lines. */
export function footerLines(m: FigureMeta): string[] {
  const station = m.stationId ? `${m.stationName ?? m.stationId} (${m.stationId})` : 'no station';
  const range = m.from !== undefined && m.to !== undefined ? `${formatUtcDateTime(m.from)} – ${formatUtcDateTime(m.to)} UTC` : 'no time range';
  const mapping = m.mappingVersions.length ? m.mappingVersions.join(', ') : 'none';
  return [
    `Station: ${station} · ${range}`,
    `Models: ${m.models.length ? m.models.join(', ') : 'none'} · Class mapping version: ${mapping}`,
    `Exported ${iso(m.at)} by Acoustic Inference Workstation${m.appVersion ? ` ${m.appVersion}` : ''}`,
  ];
}

/** PNG text chunks (keyword → text) carrying the same metadata. */
export function metadataChunks(m: FigureMeta): Record<string, string> {
  return {
    Title: m.title,
    Software: `Acoustic Inference Workstation${m.appVersion ? ` ${m.appVersion}` : ''}`,
    'Creation Time': iso(m.at),
    Station: m.stationId ?? '',
    'Station name': m.stationName ?? '',
    'Time range': m.from !== undefined && m.to !== undefined ? `${iso(m.from)}/${iso(m.to)}` : '',
    Models: m.models.join(', '),
    'Mapping version': m.mappingVersions.join(', '),
    Description: footerLines(m).join('\n'),
  };
}

/** Breaks `text` at spaces into lines no wider than `maxWidth` (as `measure` says). */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return line ? [...lines, line] : lines;
}

/** Draws title, plots and footer onto one canvas; `scale` is device pixels per CSS pixel. */
export function composeFigure(title: string, parts: readonly PlotImage[], footer: readonly string[], scale: number): HTMLCanvasElement {
  const pad = Math.round(12 * scale);
  const titleH = Math.round(26 * scale);
  const lineH = Math.round(16 * scale);
  const width = Math.max(1, ...parts.map((p) => p.width));
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  ctx.font = `${Math.round(11 * scale)}px ${FONT}`;
  const lines = footer.flatMap((l) => wrapText(l, width, (s) => ctx.measureText(s).width));
  canvas.width = width + 2 * pad;
  canvas.height = pad + titleH + parts.reduce((h, p) => h + p.height + pad, 0) + lines.length * lineH + pad;
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = TEXT;
  ctx.font = `600 ${Math.round(15 * scale)}px ${FONT}`;
  ctx.fillText(title, pad, pad + titleH / 2);
  let y = pad + titleH;
  for (const p of parts) {
    ctx.drawImage(p, pad, y, p.width, p.height);
    y += p.height + pad;
  }
  ctx.fillStyle = MUTED;
  ctx.font = `${Math.round(11 * scale)}px ${FONT}`;
  lines.forEach((line, i) => ctx.fillText(line, pad, y + i * lineH + lineH / 2));
  return canvas;
}

/** Encodes a canvas as PNG with `entries` as text chunks. */
export async function canvasToPngWithText(canvas: HTMLCanvasElement, entries: Readonly<Record<string, string>>): Promise<Blob> {
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  const bytes = insertTextChunks(new Uint8Array(await blob.arrayBuffer()), entries);
  return new Blob([bytes.buffer as ArrayBuffer], { type: 'image/png' });
}

/**
 * Creates the spectrogram canvas inside `host`, hands it to a worker and feeds the worker:
 * size and view changes, the initial `spectrogram:recent` fill, live column batches, tiles for
 * history views (use-spectrogram-tiles.ts) and the cursor. Dragging pans back in time, the
 * wheel zooms (both reported through `onNavigate`).
 *
 * The canvas is created here rather than in JSX because `transferControlToOffscreen()` works
 * once per element; a fresh element per mount keeps React's StrictMode double-mount safe.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { useApi } from '../../app/api-context.tsx';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { useConnectionEpoch } from '../../state/connection-store.ts';
import { notifyError } from '../../state/notices-store.ts';
import { decodeColumns, subscribeSpectrogram, type DecodedColumns } from '../../state/spectrogram-bus.ts';
import { PLOT_MARGINS } from '../../workers/spectrogram-layout.ts';
import type { FromSpectrogramWorker, SpectrogramView, ToSpectrogramWorker } from '../../workers/spectrogram-protocol.ts';
import { panView, wheelFactor, zoomView, type TimeView } from './spectrogram-navigation.ts';
import { registerSnapshotProvider } from './spectrogram-snapshot.ts';
import { useSpectrogramTiles, type TileView } from './use-spectrogram-tiles.ts';

type Post = (msg: ToSpectrogramWorker, transfer?: Transferable[]) => void;
/** Applies a change to the panel's time view (pan, zoom). */
export type Navigate = (change: (view: TimeView) => TimeView) => void;

/** What the panel chooses: everything of the worker's view except the canvas size. */
export type ViewSettings = Omit<SpectrogramView, 'width' | 'height' | 'dpr'>;

function postBatches(post: Post, batches: DecodedColumns[]): void {
  if (batches.length === 0) return;
  post({ type: 'columns', batches }, batches.map((b) => b.bytes.buffer as ArrayBuffer));
}

/** Drawing statistics of the mounted spectrogram (frames, ms spent drawing, tile batches): used by the benchmarks. */
type Stats = { frames: number; drawMs: number; tileBatches: number };
type StatsHook = () => Promise<Stats>;
const STATS_HOOK = '__aiwSpectrogramStats';

/** Routes worker replies: snapshots to their requesters, stats to the stats hook, errors to a toast. Returns the unregister function. */
function answerSnapshots(worker: Worker, post: Post, host: HTMLElement): () => void {
  const waiting = new Map<number, (png: Blob) => void>();
  const statsWaiting: Array<(s: Stats) => void> = [];
  let nextId = 1;
  worker.onmessage = (ev: MessageEvent<FromSpectrogramWorker>) => {
    const msg = ev.data;
    if (msg.type === 'snapshot') waiting.get(msg.requestId)?.(msg.png);
    else if (msg.type === 'stats') statsWaiting.shift()?.(msg);
    else notifyError('Spectrogram', { code: 'INTERNAL', message: msg.message });
  };
  const hooks = globalThis as unknown as Record<string, StatsHook | undefined>;
  hooks[STATS_HOOK] = () => new Promise((resolve) => {
    statsWaiting.push(resolve);
    post({ type: 'stats' });
  });
  const unregister = registerSnapshotProvider(
    (size) =>
      new Promise<Blob>((resolve) => {
        const requestId = nextId++;
        waiting.set(requestId, (png) => {
          waiting.delete(requestId);
          resolve(png);
        });
        post({ type: 'snapshot', requestId, ...(size ? { size } : {}) });
      }),
    host,
  );
  return () => {
    unregister();
    hooks[STATS_HOOK] = undefined;
  };
}

/** Drag to pan, wheel to zoom; hover for the readout. Returns the function that removes the listeners. */
function attachPointer(canvas: HTMLCanvasElement, post: Post, navigate: Navigate): () => void {
  let dragX: number | undefined;
  const plotWidth = () => canvas.clientWidth - PLOT_MARGINS.left - PLOT_MARGINS.right;
  const onDown = (e: PointerEvent) => {
    dragX = e.clientX;
    canvas.setPointerCapture(e.pointerId);
  };
  const onMove = (e: PointerEvent) => {
    post({ type: 'hover', x: e.offsetX, y: e.offsetY });
    if (dragX === undefined || e.buttons === 0) return;
    const dx = e.clientX - dragX;
    dragX = e.clientX;
    if (dx !== 0) navigate((v) => panView(v, dx, plotWidth(), liveEndOf(canvas)));
  };
  const onUp = () => (dragX = undefined);
  const onLeave = () => post({ type: 'hover-end' });
  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const fraction = Math.min(1, Math.max(0, (e.offsetX - PLOT_MARGINS.left) / Math.max(1, plotWidth())));
    navigate((v) => zoomView(v, wheelFactor(e.deltaY), fraction, liveEndOf(canvas)));
  };
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointerleave', onLeave);
  canvas.addEventListener('wheel', onWheel, { passive: false });
  return () => {
    canvas.removeEventListener('pointerdown', onDown);
    canvas.removeEventListener('pointermove', onMove);
    canvas.removeEventListener('pointerup', onUp);
    canvas.removeEventListener('pointerleave', onLeave);
    canvas.removeEventListener('wheel', onWheel);
  };
}

/** The newest column time seen, stored on the canvas element by the live feed (Date.now() before any). */
function liveEndOf(canvas: HTMLCanvasElement): number {
  const v = Number(canvas.dataset.liveEnd);
  return Number.isFinite(v) && v > 0 ? v : Date.now();
}

/** Mounts canvas + worker; returns refs to the function that posts to the worker and to the canvas. */
function useWorkerCanvas(
  host: RefObject<HTMLDivElement | null>,
  settings: ViewSettings,
  navigate: RefObject<Navigate>,
): { post: RefObject<Post | null>; canvas: RefObject<HTMLCanvasElement | null> } {
  const postRef = useRef<Post | null>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const initial = useRef(settings);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const canvas = document.createElement('canvas');
    canvas.dataset.testid = 'spectrogram';
    canvas.className = 'spectrogram-canvas';
    el.appendChild(canvas);
    const worker = new Worker(new URL('../../workers/spectrogram.worker.ts', import.meta.url), { type: 'module' });
    const post: Post = (msg, transfer = []) => worker.postMessage(msg, transfer);
    const unregister = answerSnapshots(worker, post, el);
    const size = () => ({ width: el.clientWidth, height: el.clientHeight, dpr: window.devicePixelRatio || 1 });
    const offscreen = canvas.transferControlToOffscreen();
    post({ type: 'init', canvas: offscreen, view: { ...size(), ...initial.current } }, [offscreen]);
    const resize = new ResizeObserver(() => post({ type: 'view', view: size() }));
    resize.observe(el);
    const detach = attachPointer(canvas, post, (f) => navigate.current(f));
    postRef.current = post;
    canvasRef.current = canvas;
    return () => {
      postRef.current = null;
      canvasRef.current = null;
      detach();
      unregister();
      resize.disconnect();
      worker.terminate();
      canvas.remove();
    };
  }, [host, navigate]);
  useEffect(() => postRef.current?.({ type: 'view', view: settings }), [settings]);
  return { post: postRef, canvas: canvasRef };
}

/**
 * Wires a spectrogram for `stationId` into `host`; `onNavigate` receives pan/zoom changes of the
 * time view. A change of `nFft` (the station's display FFT size) fetches the tiles again.
 */
export function useSpectrogramWorker(
  host: RefObject<HTMLDivElement | null>,
  stationId: string | undefined,
  settings: ViewSettings,
  onNavigate: Navigate,
  nFft?: number,
): void {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const navigate = useRef(onNavigate);
  navigate.current = onNavigate;
  const { post: postRef, canvas } = useWorkerCanvas(host, settings, navigate);
  const liveEnd = useRef<number | undefined>(undefined);
  const fillSeconds = Math.max(120, Math.min(300, Math.ceil(settings.windowMs / 1000)));

  useEffect(() => {
    const post = postRef.current;
    if (!post || !stationId || epoch === 0) return;
    let live = true;
    post({ type: 'reset' });
    liveEnd.current = undefined;
    const deliver = (batches: DecodedColumns[]) => {
      for (const b of batches) liveEnd.current = Math.max(liveEnd.current ?? -Infinity, b.startTime + b.columns * b.columnMs);
      if (canvas.current && liveEnd.current !== undefined) canvas.current.dataset.liveEnd = String(liveEnd.current);
      postBatches(post, batches);
    };
    const unsubscribe = subscribeSpectrogram((batches) => deliver(batches.filter((b) => b.stationId === stationId)));
    void invokeOrNotify(api, 'spectrogram:recent', { stationId, seconds: fillSeconds }, 'Loading spectrogram').then((recent) => {
      if (live && recent) deliver([decodeColumns(recent)]);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, postRef, canvas, stationId, epoch, fillSeconds]);

  const { windowMs, endTime } = settings;
  const tileView = useTileView({ stationId, windowMs, endTime, epoch, nFft });
  useSpectrogramTiles(api, postRef, host, tileView, liveEnd);
}

/** A stable object for the tile fetcher's effect (changes only when one of its fields does). */
function useTileView(next: TileView): TileView {
  const ref = useRef(next);
  const v = ref.current;
  if (v.stationId !== next.stationId || v.windowMs !== next.windowMs || v.endTime !== next.endTime || v.epoch !== next.epoch || v.nFft !== next.nFft) {
    ref.current = next;
  }
  return ref.current;
}

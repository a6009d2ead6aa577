/**
 * Creates the spectrogram canvas inside `host`, hands it to a worker and feeds the worker:
 * size changes, the initial `spectrogram:recent` fill, live column batches and the cursor.
 *
 * The canvas is created here rather than in JSX because `transferControlToOffscreen()` works
 * once per element; a fresh element per mount keeps React's StrictMode double-mount safe.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { useApi } from '../../app/api-context.tsx';
import type { ColormapName } from '../../lib/colormaps.ts';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { useConnectionEpoch } from '../../state/connection-store.ts';
import { notifyError } from '../../state/notices-store.ts';
import { decodeColumns, subscribeSpectrogram, type DecodedColumns } from '../../state/spectrogram-bus.ts';
import type { FromSpectrogramWorker, ToSpectrogramWorker } from '../../workers/spectrogram-protocol.ts';
import { registerSnapshotProvider } from './spectrogram-snapshot.ts';

type Post = (msg: ToSpectrogramWorker, transfer?: Transferable[]) => void;

function postBatches(post: Post, batches: DecodedColumns[]): void {
  if (batches.length === 0) return;
  post({ type: 'columns', batches }, batches.map((b) => b.bytes.buffer as ArrayBuffer));
}

/** Routes worker replies: snapshots to their requesters, errors to a toast. Returns the unregister function. */
function answerSnapshots(worker: Worker, post: Post): () => void {
  const waiting = new Map<number, (png: Blob) => void>();
  let nextId = 1;
  worker.onmessage = (ev: MessageEvent<FromSpectrogramWorker>) => {
    const msg = ev.data;
    if (msg.type === 'snapshot') waiting.get(msg.requestId)?.(msg.png);
    else notifyError('Spectrogram', { code: 'INTERNAL', message: msg.message });
  };
  return registerSnapshotProvider(
    () =>
      new Promise<Blob>((resolve) => {
        const requestId = nextId++;
        waiting.set(requestId, (png) => {
          waiting.delete(requestId);
          resolve(png);
        });
        post({ type: 'snapshot', requestId });
      }),
  );
}

/** Mounts canvas + worker; returns a ref to the function that posts to the worker. */
function useWorkerCanvas(host: RefObject<HTMLDivElement | null>, colormap: ColormapName, windowMs: number): RefObject<Post | null> {
  const postRef = useRef<Post | null>(null);
  const initial = useRef({ colormap, windowMs });
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const canvas = document.createElement('canvas');
    canvas.dataset.testid = 'spectrogram';
    canvas.className = 'spectrogram-canvas';
    el.appendChild(canvas);
    const worker = new Worker(new URL('../../workers/spectrogram.worker.ts', import.meta.url), { type: 'module' });
    const post: Post = (msg, transfer = []) => worker.postMessage(msg, transfer);
    const unregister = answerSnapshots(worker, post);
    const size = () => ({ width: el.clientWidth, height: el.clientHeight, dpr: window.devicePixelRatio || 1 });
    const offscreen = canvas.transferControlToOffscreen();
    post({ type: 'init', canvas: offscreen, view: { ...size(), ...initial.current } }, [offscreen]);
    const resize = new ResizeObserver(() => post({ type: 'view', view: size() }));
    resize.observe(el);
    const onMove = (e: PointerEvent) => post({ type: 'hover', x: e.offsetX, y: e.offsetY });
    const onLeave = () => post({ type: 'hover-end' });
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerleave', onLeave);
    postRef.current = post;
    return () => {
      postRef.current = null;
      unregister();
      resize.disconnect();
      worker.terminate();
      canvas.remove();
    };
  }, [host]);
  useEffect(() => postRef.current?.({ type: 'view', view: { colormap, windowMs } }), [colormap, windowMs]);
  return postRef;
}

/** Wires a spectrogram for `stationId` into `host`. */
export function useSpectrogramWorker(
  host: RefObject<HTMLDivElement | null>,
  stationId: string | undefined,
  colormap: ColormapName,
  windowMs: number,
): void {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const postRef = useWorkerCanvas(host, colormap, windowMs);
  const fillSeconds = Math.max(120, Math.ceil(windowMs / 1000));

  useEffect(() => {
    const post = postRef.current;
    if (!post || !stationId || epoch === 0) return;
    let live = true;
    post({ type: 'reset' });
    const unsubscribe = subscribeSpectrogram((batches) => postBatches(post, batches.filter((b) => b.stationId === stationId)));
    void invokeOrNotify(api, 'spectrogram:recent', { stationId, seconds: fillSeconds }, 'Loading spectrogram').then((recent) => {
      if (live && recent) postBatches(post, [decodeColumns(recent)]);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, postRef, stationId, epoch, fillSeconds]);
}

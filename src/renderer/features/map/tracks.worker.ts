/**
 * The track worker: holds the map's tracks (projected once), draws them into an OffscreenCanvas for a
 * view and sends the picture back as an ImageBitmap. Day-long tracks of 2,000 vessels are ~400,000
 * points; drawing them here keeps the main thread (and so panning) free.
 */
import { holdTrack, paintTracks, type HeldTrack } from './track-paint.ts';
import type { TracksFrame, TracksRequest } from './tracks-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const tracks = new Map<number, HeldTrack>();
let canvas: OffscreenCanvas | undefined;

function draw(request: Extract<TracksRequest, { type: 'draw' }>): void {
  const { view } = request;
  const w = Math.max(1, Math.round(view.width * view.ratio));
  const h = Math.max(1, Math.round(view.height * view.ratio));
  if (canvas === undefined || canvas.width !== w || canvas.height !== h) canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  ctx.setTransform(view.ratio, 0, 0, view.ratio, 0, 0);
  ctx.clearRect(0, 0, view.width, view.height);
  const points = paintTracks(ctx, tracks.values(), view, request.selected);
  const bitmap = canvas.transferToImageBitmap();
  const frame: TracksFrame = { type: 'frame', seq: request.seq, bitmap, points };
  scope.postMessage(frame, [bitmap]);
}

scope.onmessage = (e: MessageEvent<TracksRequest>) => {
  const msg = e.data;
  if (msg.type === 'tracks') {
    for (const mmsi of msg.removed) tracks.delete(mmsi);
    for (const d of msg.deltas) tracks.set(d.mmsi, holdTrack(tracks.get(d.mmsi), d));
  } else draw(msg);
};

import { describe, expect, it } from 'vitest';
import type { VesselTrack } from '../../../shared/ais.ts';
import { diffTrack } from './track-diff.ts';
import { holdTrack, paintTracks, type Paint2D } from './track-paint.ts';
import type { TrackView } from './tracks-protocol.ts';
import { vesselColor } from './vessel-style.ts';
import { mercatorX, mercatorY, worldScale } from './web-mercator.ts';

/** A 2D context that records what is drawn. */
function recorder() {
  const ops: string[] = [];
  const ctx: Paint2D = {
    strokeStyle: '', globalAlpha: 1, lineWidth: 1,
    beginPath: () => ops.push('begin'),
    moveTo: (x, y) => ops.push(`M${Math.round(x)},${Math.round(y)}`),
    lineTo: (x, y) => ops.push(`L${Math.round(x)},${Math.round(y)}`),
    stroke: () => ops.push(`stroke ${String(ctx.strokeStyle)} ${ctx.globalAlpha}`),
  };
  return { ctx, ops };
}

const held = (t: VesselTrack) => holdTrack(undefined, diffTrack(undefined, t)!);

describe('web mercator', () => {
  it('matches the EPSG:3857 tile grid', () => {
    expect([mercatorX(0), mercatorY(0)]).toEqual([0.5, 0.5]);
    expect(mercatorX(-180)).toBe(0);
    expect(mercatorY(45)).toBeCloseTo(0.359725, 6); // tile row 0.3597 at zoom 0
    expect(mercatorY(90)).toBeCloseTo(0, 9); // clamped at Leaflet's 85.0511°
    expect(worldScale(9)).toBe(131072);
  });
});

describe('paintTracks', () => {
  const scale = worldScale(10);
  // A view whose top-left corner is at (0°, 0°): screen x grows with longitude, y with southward latitude.
  const view: TrackView = { scale, originX: mercatorX(0) * scale, originY: mercatorY(0) * scale, width: 800, height: 600, ratio: 1 };
  const pxPerDeg = scale / 360;

  it('places points where Leaflet would and thins points under 2 px', () => {
    const a = held({ mmsi: 1, vesselClass: 'A', t: [0, 1, 2, 3], lat: [-0.1, -0.1, -0.1, -0.2], lon: [0.1, 0.1001, 0.2, 0.3] });
    const b = held({ mmsi: 2, vesselClass: 'A', t: [0, 1], lat: [-0.5, -0.5], lon: [0.5, 0.6] });
    const { ctx, ops } = recorder();
    const points = paintTracks(ctx, [a, b], view, undefined);
    const x = (lon: number) => Math.round(lon * pxPerDeg);
    const y = (lat: number) => Math.round(mercatorY(lat) * scale - view.originY);
    const stroke = `stroke ${vesselColor('A')} 0.45`;
    expect(ops).toEqual([
      'begin', `M${x(0.1)},${y(-0.1)}`, `L${x(0.2)},${y(-0.1)}`, `L${x(0.3)},${y(-0.2)}`, stroke,
      'begin', `M${x(0.5)},${y(-0.5)}`, `L${x(0.6)},${y(-0.5)}`, stroke,
    ]);
    expect(points).toBe(5);
  });

  it('skips tracks outside the view and draws the selected one last, brighter', () => {
    const far = held({ mmsi: 1, vesselClass: 'C', t: [0, 1], lat: [10, 10.1], lon: [40, 40.1] });
    const chosen = held({ mmsi: 2, vesselClass: 'D', t: [0, 1], lat: [-0.1, -0.2], lon: [0.1, 0.2] });
    const other = held({ mmsi: 3, vesselClass: 'B', t: [0, 1], lat: [-0.1, -0.2], lon: [0.3, 0.4] });
    const { ctx, ops } = recorder();
    paintTracks(ctx, [far, chosen, other], view, 2);
    expect(ops.filter((o) => o.startsWith('stroke'))).toEqual([`stroke ${vesselColor('B')} 0.45`, `stroke ${vesselColor('D')} 0.95`]);
  });
});

/**
 * The map linked to the review timeline and to the class mapping, in Chromium against `aiw serve`
 * (demo station at 60×): hovering the lanes shows the vessels at the instant under the pointer;
 * clicking a vessel on the review map highlights the segments it was in range during (checked against
 * `ais:vessel-detail`); a new class-mapping version recolours the map's vessels without a reload.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassesOverview } from '../../src/shared/labels.ts';
import type { ReviewTimeline } from '../../src/shared/sessions.ts';
import type { VesselDetail } from '../../src/shared/ais.ts';
import { classColor } from '../../src/shared/taxonomy.ts';
import { connectApi, type ApiClient } from '../helpers/ws-client.ts';
import { openApp, type OpenApp } from './browser.ts';

/** The page's vessel canvas as seen from these Node-typed tests (no DOM lib here). */
type Canvas = {
  width: number; height: number;
  getBoundingClientRect(): { left: number; top: number; right: number; bottom: number; width: number };
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
};

/** Page coordinates of a drawn vessel symbol on the vessel canvas, inside the visible map; undefined when none. */
async function vesselPixel(page: Page): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
    const canvas = doc.querySelector('[data-testid="vessel-canvas"]') as Canvas | null;
    const map = doc.querySelector('.map-canvas') as Pick<Canvas, 'getBoundingClientRect'> | null;
    if (!canvas || !map) return undefined;
    const r = canvas.getBoundingClientRect();
    const m = map.getBoundingClientRect();
    const k = canvas.width / r.width;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let py = 0; py < canvas.height; py += 2) {
      for (let px = 0; px < canvas.width; px += 2) {
        const x = r.left + px / k;
        const y = r.top + py / k;
        if (data[(py * canvas.width + px) * 4 + 3]! > 200 && x > m.left + 20 && x < m.right - 20 && y > m.top + 20 && y < m.bottom - 40) return { x, y };
      }
    }
    return undefined;
  });
}

/**
 * How many visible pixels of the vessel canvas have each of `hexes` as their colour (±4 per channel).
 * Not only opaque ones: stale vessels are drawn at 45 % alpha (on a loaded machine the demo lags and
 * every vessel may be stale), and un-premultiplying those pixels rounds their colour slightly.
 */
async function vesselColours(page: Page, hexes: readonly string[]): Promise<number[]> {
  return page.evaluate((targets) => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
    const canvas = doc.querySelector('[data-testid="vessel-canvas"]') as Canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const rgb = targets.map((h) => [1, 3, 5].map((at) => parseInt(h.slice(at, at + 2), 16)));
    const counts = targets.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! < 100) continue;
      const k = rgb.findIndex((c) => c.every((v, j) => Math.abs(v - data[i + j]!) <= 4));
      if (k >= 0) counts[k]!++;
    }
    return counts;
  }, hexes);
}

describe('map linked to the review timeline and the class mapping', () => {
  let app: OpenApp;
  let page: Page;
  let api: ApiClient;

  beforeAll(async () => {
    app = await openApp({ serveArgs: ['--demo-speed', '60'], viewport: { width: 1500, height: 1000 }, hash: '#/review' });
    page = app.page;
    api = await connectApi(app.serve.url);
    await page.getByTestId('review-lanes').waitFor({ timeout: 20_000 });
    await page.getByTestId('review-map-time').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    api?.close();
    expect(await app?.close()).toBe(0);
  });

  it('follows the pointer over the lanes, then goes back to the cursor', async () => {
    const lanes = page.getByTestId('review-lanes');
    const mapTime = page.getByTestId('review-map-time');
    const box = (await lanes.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await expect.poll(() => mapTime.getAttribute('data-hover')).toBe('true');
    const early = Number(await mapTime.getAttribute('data-time'));
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
    await expect.poll(async () => Number(await mapTime.getAttribute('data-time'))).toBeGreaterThan(early);
    const late = Number(await mapTime.getAttribute('data-time'));
    // 40 % of the lanes' width: a sizeable share of the 30 min window (the plot margins aside).
    expect(late - early).toBeGreaterThan(5 * 60_000);
    await page.mouse.move(box.x + box.width / 2, box.y - 200);
    await expect.poll(() => mapTime.getAttribute('data-hover')).toBe('false');
    expect(await page.getByTestId('vessel-stays').count()).toBe(0);
  });

  it('highlights the segments a clicked vessel was in range during', async () => {
    // Segments to highlight first: the view is then frozen (the checks below compare times).
    await expect.poll(async () => (await api.invoke<ReviewTimeline>('review:timeline', { stationId: 'demo', from: 0, to: Date.now() + 86_400_000 })).value?.segments.ids.length ?? 0,
      { timeout: 60_000 }).toBeGreaterThan(3);
    await page.getByTestId('follow-live').click();
    let at: { x: number; y: number } | undefined;
    await expect.poll(async () => (at = await vesselPixel(page)) !== undefined, { timeout: 60_000 }).toBe(true);
    await page.mouse.click(at!.x, at!.y);
    const stays = page.getByTestId('vessel-stays');
    await stays.waitFor({ timeout: 15_000 });
    await expect.poll(async () => Number(await stays.getAttribute('data-segments')), { timeout: 15_000 }).toBeGreaterThan(0);
    const mmsi = Number(await stays.getAttribute('data-mmsi'));
    const bands = await page.getByTestId('vessel-stay-band').evaluateAll((els) => els.map((e) => ({ from: Number(e.getAttribute('data-from')), to: Number(e.getAttribute('data-to')) })));
    expect(bands.length).toBeGreaterThan(0);
    const detail = (await api.invoke<VesselDetail>('ais:vessel-detail', { mmsi, time: Date.now() + 86_400_000, rangeKm: 40, stationId: 'demo', windowMs: 3 * 86_400_000 })).value!;
    expect(detail.inRange.length).toBeGreaterThan(0);
    for (const b of bands) expect(detail.inRange.some((s) => s.start < b.to && s.end > b.from), JSON.stringify({ b, inRange: detail.inRange })).toBe(true);
  });

  it('recolours the vessels when the class mapping changes, without a reload', async () => {
    await page.goto(`${app.serve.url}#/map`);
    await page.evaluate(() => Object.assign(globalThis, { __notReloaded: true }));
    await page.getByTestId('vessel-row').first().waitFor({ timeout: 30_000 });
    // The demo's static reports (ship types) come every few minutes of data time.
    const designationsSeen = async () =>
      (await api.invoke<ClassesOverview>('classes:overview', {})).value!.designations.filter((d) => d.vessels > 0 && d.classId !== 'C');
    await expect.poll(async () => (await designationsSeen()).length, { timeout: 60_000 }).toBeGreaterThan(0);
    const seen = await designationsSeen();
    const assigned = await api.invoke('classes:assign', { changes: seen.map((d) => ({ designation: d.designation, classId: 'C' })), note: 'e2e: all passenger' });
    expect(assigned.ok).toBe(true);
    // Every listed vessel with static data is now class C, in the list and on the canvas.
    await expect.poll(async () => (await page.getByTestId('vessel-row').locator('td:nth-child(2)').allInnerTexts()).filter((c) => c !== '?' && c !== 'C').length, { timeout: 15_000 }).toBe(0);
    const passenger = classColor('C');
    await expect.poll(async () => {
      const [passengerPixels, ...others] = await vesselColours(page, [passenger, ...['A', 'B', 'D'].map((c) => classColor(c))]);
      return { passenger: passengerPixels! > 0, others: others.reduce((a, b) => a + b, 0) };
    }, { timeout: 15_000 }).toEqual({ passenger: true, others: 0 });
    expect(await page.evaluate(() => (globalThis as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
  });
});

/**
 * Sessions move between machines through the browser in the headless mode: the Sessions page's export
 * downloads the `.aiwsession` (streamed over HTTP with the page's token), the data folder is deleted,
 * a fresh workstation imports the file by upload (verified before anything is written), and the
 * review view opens the imported session. A corrupted copy is refused with a clear error.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillFixture, openFixture, FIXTURE_T0 } from '../../src/main/sessions/session-fixture.ts';
import type { ReviewTimeline, Session } from '../../src/shared/sessions.ts';
import { REPO_ROOT, startServe, tempDir, type ServeHandle } from '../helpers/serve-process.ts';
import { connectApi } from '../helpers/ws-client.ts';
import { launchChromium } from './browser.ts';

const MINUTES = 10;

async function fixtureDataDir(): Promise<{ dir: string; sessionId: string }> {
  const dir = tempDir('aiw-transfer-src-');
  const f = openFixture(dir);
  await fillFixture(f, MINUTES);
  const s = f.sessions.create({ stationId: f.station.id, from: FIXTURE_T0, to: FIXTURE_T0 + MINUTES * 60_000, name: 'Transfer me' });
  // The fixture's model has no package: give it a real manifest (for the Models list) and retire it (nothing to start).
  const manifest = { ...JSON.parse(readFileSync(join(REPO_ROOT, 'models', 'baseline-logreg', 'model.json'), 'utf8')), id: 'm', version: '1' };
  f.db.prepare("UPDATE models SET status = 'retired', manifest = ?").run(JSON.stringify(manifest));
  f.close();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ demo: { enabled: false } }));
  return { dir, sessionId: s.id };
}

const serveOn = (dir: string) => startServe(['--config', join(dir, 'config.json')], 30_000, dir);

async function sessionsOf(url: string): Promise<Session[]> {
  const api = await connectApi(url);
  try {
    return (await api.invoke<Session[]>('sessions:list', {})).value!;
  } finally {
    api.close();
  }
}

describe('session export by download and import by upload (headless)', () => {
  let browser: Browser;
  let page: Page;
  let serve: ServeHandle | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1500, height: 1000 } });
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('exports by download, deletes the data, imports by upload and opens the review view', async () => {
    const src = await fixtureDataDir();
    serve = await serveOn(src.dir);
    await page.goto(`${serve.url}#/sessions`);
    const row = page.locator(`[data-testid="session-row"][data-session-id="${src.sessionId}"]`);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), row.getByTestId('session-export').click()]) as [Download, void];
    expect(download.suggestedFilename()).toBe(`${src.sessionId}.aiwsession`);
    const file = join(tempDir('aiw-transfer-dl-'), download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 10).toString()).toBe('aiwsession'); // the marker member opens the tar
    expect(await serve.stop()).toBe(0);
    rmSync(src.dir, { recursive: true, force: true });

    const dest = tempDir('aiw-transfer-dst-');
    writeFileSync(join(dest, 'config.json'), JSON.stringify({ demo: { enabled: false } }));
    serve = await serveOn(dest);
    await page.goto(`${serve.url}#/sessions`);
    const corrupt = join(tempDir('aiw-transfer-bad-'), 'corrupt.aiwsession');
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)] ^= 0xff;
    writeFileSync(corrupt, flipped);
    await page.getByTestId('session-import-file').setInputFiles(corrupt);
    await page.getByTestId('session-import').click();
    await page.getByTestId('toast').filter({ hasText: /refused|checksum|sha256|VERIFY/i }).first().waitFor({ timeout: 30_000 });
    expect((await sessionsOf(serve.url)).filter((s) => s.kind === 'imported')).toEqual([]);

    await page.getByTestId('session-import-file').setInputFiles(file);
    await page.getByTestId('session-import').click();
    const imported = page.locator(`[data-testid="session-row"][data-session-id="${src.sessionId}"]`);
    await imported.waitFor({ timeout: 30_000 });
    const listed = (await sessionsOf(serve.url)).find((s) => s.id === src.sessionId)!;
    expect(listed).toMatchObject({ kind: 'imported', importedFrom: `${src.sessionId}.aiwsession`, pinned: true });
    expect(listed.counts.segments).toBe(MINUTES * 2);

    await imported.getByTestId('session-review').click();
    await page.getByTestId('review-lanes').waitFor({ timeout: 20_000 });
    const api = await connectApi(serve.url);
    const t = (await api.invoke<ReviewTimeline>('review:timeline', { stationId: listed.stationId, from: listed.from, to: listed.to })).value!;
    api.close();
    expect(t.segments.ids).toHaveLength(MINUTES * 2);
    expect(t.models.map((m) => m.key)).toEqual(['m@1']);
    expect(errors).toEqual([]);
  });
});

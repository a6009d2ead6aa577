/** Launches Debian's Chromium through playwright-core with the flags this machine needs. */
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { startServe, type ServeHandle } from '../helpers/serve-process.ts';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.AIW_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Number of distinct colours in a PNG: a blank (single-colour) image has 1. */
export function distinctColours(png: Buffer, limit = 64): number {
  const image = PNG.sync.read(png);
  const seen = new Set<number>();
  for (let i = 0; i < image.data.length && seen.size < limit; i += 4) {
    seen.add((image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!);
  }
  return seen.size;
}

/** A running workstation (`aiw serve`) opened in Chromium, with what the page logged and fetched. */
export interface OpenApp {
  serve: ServeHandle;
  browser: Browser;
  page: Page;
  /** Console errors (favicon requests excluded). */
  consoleErrors: string[];
  /** Requests to anywhere but 127.0.0.1, data: and blob: (there must be none: the app works offline). */
  offsiteRequests: string[];
  /** Closes the browser and stops the server; resolves to the server's exit code. */
  close(): Promise<number | null>;
}

export interface OpenAppOptions {
  serveArgs?: string[];
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Runs in the page before any of its scripts (e.g. to seed localStorage). */
  init?: () => void;
  hash?: string;
}

export async function openApp(options: OpenAppOptions = {}): Promise<OpenApp> {
  const serve = await startServe(options.serveArgs ?? ['--demo-speed', '10']);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: options.viewport, acceptDownloads: options.acceptDownloads });
  const consoleErrors: string[] = [];
  const offsiteRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) consoleErrors.push(m.text());
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!/^(http|ws):\/\/127\.0\.0\.1[:/]/.test(url) && !url.startsWith('data:') && !url.startsWith('blob:')) offsiteRequests.push(url);
  });
  if (options.init) await page.addInitScript(options.init);
  await page.goto(`${serve.url}${options.hash ?? ''}`);
  return {
    serve, browser, page, consoleErrors, offsiteRequests,
    close: async () => {
      await browser.close();
      return serve.stop();
    },
  };
}

/** Launches Debian's Chromium through playwright-core with the flags this machine needs. */
import { chromium, type Browser } from 'playwright-core';
import { PNG } from 'pngjs';

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

#!/usr/bin/env node
/**
 * Screenshots a page in Debian Chromium via playwright-core, reporting console errors.
 *
 *   node scripts/screenshot.mjs URL out.png [--width 1600] [--height 1000] [--wait 3000] [--full]
 *
 * Exits non-zero when the page throws or logs an error (CSP violations included), so it
 * doubles as a smoke check of the built renderer.
 */
import { chromium } from 'playwright-core';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    width: { type: 'string', default: '1600' },
    height: { type: 'string', default: '1000' },
    wait: { type: 'string', default: '3000' },
    full: { type: 'boolean', default: false },
    executable: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});

const [url, out] = positionals;
if (!url || !out) {
  process.stderr.write('usage: node scripts/screenshot.mjs URL out.png [--width N] [--height N] [--wait ms] [--full]\n');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: values.executable,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--headless'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: Number(values.width), height: Number(values.height) } });
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(Number(values.wait));
  await page.screenshot({ path: out, fullPage: values.full });
  process.stdout.write(`saved ${out}\n`);
} finally {
  await browser.close();
}
for (const p of problems) process.stderr.write(`${p}\n`);
process.exit(problems.some((p) => !p.startsWith('console.warning')) ? 1 : 0);

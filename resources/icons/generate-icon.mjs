#!/usr/bin/env node
// Draws the app icon (sonar rings around a waveform on a dark rounded square) into
// icon.png, 1024×1024 RGBA, with 4×4 supersampling. No dependencies: a minimal PNG
// encoder over node:zlib. Run: node resources/icons/generate-icon.mjs
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 1024;
const SUB = 4;

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const over = (dst, src, alpha) => mix(dst, src, alpha);

function roundedSquareDistance(u, v, radius) {
  const qx = Math.abs(u - 0.5) - (0.5 - radius);
  const qy = Math.abs(v - 0.5) - (0.5 - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function waveform(u) {
  const envelope = Math.sin(Math.PI * Math.min(Math.max((u - 0.2) / 0.6, 0), 1)) ** 2;
  return 0.5 + 0.11 * envelope * Math.sin(u * 2 * Math.PI * 7);
}

/** Colour (RGBA 0..1) of one sample point. */
function sample(u, v) {
  if (roundedSquareDistance(u, v, 0.2) > 0) return [0, 0, 0, 0];
  let rgb = mix([0.05, 0.13, 0.21], [0.02, 0.06, 0.12], v);
  const r = Math.hypot(u - 0.5, v - 0.5);
  [0.17, 0.28, 0.39].forEach((ring, i) => {
    if (Math.abs(r - ring) < 0.014) rgb = over(rgb, [0.18, 0.83, 0.75], 0.9 - i * 0.25);
  });
  if (u > 0.16 && u < 0.84 && Math.abs(v - waveform(u)) < 0.018) rgb = [0.98, 0.75, 0.14];
  if (r < 0.035) rgb = [0.98, 0.75, 0.14];
  return [...rgb, 1];
}

function render() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SUB; sy++) {
        for (let sx = 0; sx < SUB; sx++) {
          const [r, g, b, a] = sample((x + (sx + 0.5) / SUB) / SIZE, (y + (sy + 0.5) / SUB) / SIZE);
          acc[0] += r * a; acc[1] += g * a; acc[2] += b * a; acc[3] += a;
        }
      }
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      const alpha = acc[3] / (SUB * SUB);
      for (let c = 0; c < 3; c++) raw[o + c] = alpha > 0 ? Math.round((acc[c] / acc[3]) * 255) : 0;
      raw[o + 3] = Math.round(alpha * 255);
    }
  }
  return raw;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(render(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
process.stdout.write(`icon.png: ${SIZE}x${SIZE}, ${png.length} bytes\n`);

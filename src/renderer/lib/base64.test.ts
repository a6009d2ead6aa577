import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64ToBytes, base64ToBytesWithAtob, bytesToBase64 } from './base64.ts';

/** An independent, obviously-correct encoder to check against (3 bytes → 4 characters). */
function referenceEncode(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [18, 12, 6, 0].map((shift) => alphabet[(n >> shift) & 63]);
    const keep = Math.min(4, bytes.length - i + 1);
    out += chars.slice(0, keep).join('') + '='.repeat(4 - keep);
  }
  return out;
}

describe('base64', () => {
  it('decodes a known value', () => {
    expect(Array.from(base64ToBytes('AAH/gA=='))).toEqual([0, 1, 255, 128]);
    expect(Array.from(base64ToBytesWithAtob('AAH/gA=='))).toEqual([0, 1, 255, 128]);
    expect(base64ToBytes('')).toHaveLength(0);
  });

  it('round-trips arbitrary bytes and agrees with a reference encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        const text = bytesToBase64(bytes);
        expect(text).toBe(referenceEncode(bytes));
        expect(base64ToBytes(text)).toEqual(bytes);
        expect(base64ToBytesWithAtob(text)).toEqual(bytes);
      }),
      { numRuns: 60 },
    );
  });
});

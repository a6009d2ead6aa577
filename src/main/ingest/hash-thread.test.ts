import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { HashThread, localSha256 } from './hash-thread.ts';

describe('hash thread', () => {
  it('gives the same SHA-256 as the calling thread, for owned and shared buffers, concurrently', async () => {
    const thread = new HashThread();
    try {
      const parts = [randomBytes(300_000), Buffer.from('small, from the shared pool'), randomBytes(70_000).subarray(10, 60_000)];
      const expected = createHash('sha256').update(Buffer.concat(parts)).digest('hex');
      const a = thread.create();
      const b = thread.create();
      const local = localSha256();
      for (const p of parts) {
        local.update(p);
        b.update(Buffer.from(p));
        a.update(Buffer.from(p)); // a copy that owns its memory: moved, not copied
      }
      expect(await Promise.all([a.digest(), b.digest(), local.digest()])).toEqual([expected, expected, expected]);
      // More than the backlog bound, fed as fast as `ready` allows: the digest is still right.
      const big = thread.create();
      const whole = createHash('sha256');
      for (let i = 0; i < 40; i++) {
        const chunk = randomBytes(1 << 20);
        whole.update(chunk);
        await big.ready();
        big.update(chunk);
      }
      expect(await big.digest()).toBe(whole.digest('hex'));
      // Chunks read into shared slots cross as slot numbers; hashed slots are reused, released ones too.
      const slotted = thread.create();
      const expectSlotted = createHash('sha256');
      const released = slotted.buffer(1000);
      slotted.release(released);
      for (let i = 0; i < 200; i++) {
        const chunk = slotted.buffer(256 * 1024);
        chunk.fill(i % 256);
        const used = i % 7 === 0 ? chunk.subarray(0, 1000) : chunk; // a short read
        expectSlotted.update(used);
        await slotted.ready();
        slotted.update(used);
      }
      expect(await slotted.digest()).toBe(expectSlotted.digest('hex'));
      expect(thread.sharedSlots).toBeLessThanOrEqual(66); // 200 without reuse; 64 slots are the 16 MiB backlog, short reads too
      const pooled = Buffer.from('pooled bytes stay usable');
      thread.create().update(pooled);
      expect(pooled.toString()).toBe('pooled bytes stay usable');
    } finally {
      await thread.close();
    }
  });
});

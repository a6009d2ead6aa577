import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows one second of budget at once, then paces to the rate', () => {
    let now = 0;
    const rl = new RateLimiter(1000, () => now);
    expect(rl.reserve(600)).toBe(0);
    expect(rl.reserve(400)).toBe(0);
    expect(rl.reserve(500)).toBe(500); // must wait half a second for 500 more bytes
    now = 500;
    expect(rl.reserve(500)).toBe(0);
  });

  it('never lets more than rate × time + one burst through', () => {
    let now = 0;
    const rl = new RateLimiter(10_000, () => now);
    let sent = 0;
    for (let t = 0; t <= 5000; t += 7) {
      now = t;
      while (rl.reserve(1500) === 0) sent += 1500;
    }
    expect(sent).toBeLessThanOrEqual(10_000 * 5 + 10_000);
    expect(sent).toBeGreaterThanOrEqual(10_000 * 5 - 1500);
  });

  it('is unlimited at 0', () => {
    const rl = new RateLimiter(0);
    expect(rl.unlimited).toBe(true);
    expect(rl.reserve(1e12)).toBe(0);
  });
});

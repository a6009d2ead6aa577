import { describe, expect, it } from 'vitest';
import { SourceHealth } from './health.ts';
import { RateGuard } from './source.ts';

const zero = { positions: 0, statics: 0, rejected: 0, dropped: 0 };

describe('SourceHealth', () => {
  it('reports the message rate over the last 10 s and the last message', () => {
    let now = 1_000_000;
    const h = new SourceHealth('x', 'udp', 'UDP', () => now);
    h.setState('listening');
    for (let s = 0; s < 10; s++) {
      if (s > 0) now += 1000;
      h.messages(5, 42 + s);
    }
    expect(h.snapshot(zero)).toMatchObject({ messages: 50, messagesPerSecond: 5, lastDataTime: 51, lastMessageAt: 1_009_000, connected: true });
    now += 20_000;
    expect(h.snapshot(zero).messagesPerSecond).toBe(0);
  });

  it('turns stalled after silence while up, and back when messages come', () => {
    let now = 0;
    const h = new SourceHealth('x', 'tcp-server', 'TCP', () => now);
    h.setState('listening');
    now = 5000;
    expect(h.checkStall(10_000)).toBe(false);
    now = 11_000;
    expect(h.checkStall(10_000)).toBe(true);
    expect(h.state).toBe('stalled');
    h.messages(1);
    expect(h.state).toBe('listening');
    h.setState('disconnected');
    now = 100_000;
    expect(h.checkStall(10_000)).toBe(false); // a disconnected source is not "stalled"
  });

  it('counts errors and rejects by reason', () => {
    const h = new SourceHealth('x', 'udp', 'UDP');
    h.error('boom');
    h.decodeError('bad-checksum');
    h.decodeError('bad-checksum');
    expect(h.snapshot(zero)).toMatchObject({ errors: 1, lastError: 'boom', decodeErrors: { 'bad-checksum': 2 } });
  });
});

describe('RateGuard', () => {
  it('lets at most N per wall-clock second through (0 = unlimited)', () => {
    const g = new RateGuard(3);
    expect([1, 2, 3, 4].map(() => g.allow(5000))).toEqual([true, true, true, false]);
    expect(g.allow(6000)).toBe(true);
    const open = new RateGuard(0);
    expect(Array.from({ length: 1000 }, () => open.allow(0)).every(Boolean)).toBe(true);
  });
});

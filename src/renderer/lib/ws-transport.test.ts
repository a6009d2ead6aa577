import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, createWsTransport, type SocketLike } from './ws-transport.ts';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  readyState = 0;
  sent: Array<{ t: string; id: number; channel: string; payload: unknown }> = [];
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const transport = createWsTransport({
    url: 'ws://127.0.0.1:1/api?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    random: () => 1,
  });
  return { transport, sockets, last: () => sockets[sockets.length - 1] };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('WebSocket transport', () => {
  it('queues invokes until open, then matches results by id', async () => {
    const { transport, last } = setup();
    const a = transport.invoke('models:list', {});
    const b = transport.invoke('stations:status', {});
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent.map((m) => [m.t, m.id, m.channel])).toEqual([
      ['invoke', 1, 'models:list'],
      ['invoke', 2, 'stations:status'],
    ]);
    last().receive({ t: 'result', id: 2, result: { ok: true, value: ['s'] } });
    last().receive({ t: 'result', id: 1, result: { ok: false, error: { code: 'NOT_FOUND', message: 'x' } } });
    await expect(b).resolves.toEqual({ ok: true, value: ['s'] });
    await expect(a).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'x' } });
  });

  it('delivers events to subscribers until they unsubscribe, ignoring malformed frames', () => {
    const { transport, last } = setup();
    last().open();
    const seen: unknown[] = [];
    const off = transport.subscribe('app:notice', (p) => seen.push(p));
    last().onmessage?.({ data: 'not json' });
    last().receive({ t: 'bogus' });
    last().receive({ t: 'event', event: 'app:notice', payload: 1 });
    last().receive({ t: 'event', event: 'models:changed', payload: 2 });
    off();
    last().receive({ t: 'event', event: 'app:notice', payload: 3 });
    expect(seen).toEqual([1]);
  });

  it('fails in-flight invokes with IO_FAILED on disconnect and reconnects with backoff', async () => {
    const { transport, sockets, last } = setup();
    last().open();
    const inFlight = transport.invoke('models:list', {});
    last().drop();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'IO_FAILED' } });
    expect(transport.getStatus()).toMatchObject({ state: 'reconnecting', attempt: 1, epoch: 1 });
    vi.advanceTimersByTime(249);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().drop();
    expect(transport.getStatus().attempt).toBe(2);
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(3);
    last().open();
    expect(transport.getStatus()).toMatchObject({ state: 'open', attempt: 0, epoch: 2 });
  });

  it('times an invoke out after 15 s and ignores the late reply', async () => {
    const { transport, last } = setup();
    last().open();
    const p = transport.invoke('models:list', {});
    vi.advanceTimersByTime(15_000);
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'IO_FAILED' } });
    expect(() => last().receive({ t: 'result', id: 1, result: { ok: true, value: 1 } })).not.toThrow();
  });

  it('reports an unauthorized close in words', () => {
    const { transport, last } = setup();
    last().drop(4401);
    expect(transport.getStatus().lastError).toMatch(/unauthorized/);
  });

  it('close() cancels pending invokes and stops reconnecting', async () => {
    const { transport, sockets } = setup();
    const p = transport.invoke('models:list', {});
    transport.close();
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(transport.getStatus().state).toBe('closed');
  });
});

describe('backoffDelay', () => {
  it('doubles up to the cap and applies jitter between 50 and 100 %', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, 250, 5000, () => 1))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(3, 250, 5000, () => 0)).toBe(500);
  });
});

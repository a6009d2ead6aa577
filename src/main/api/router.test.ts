import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, EVENT_CHANNELS, eventContract, invokeContract } from '../../shared/contract.ts';
import { AppError } from '../../shared/errors.ts';
import { EventBus } from '../app/event-bus.ts';
import { silentLogger } from '../app/logger.ts';
import { createHandlers, type HandlerDeps } from './handlers.ts';
import { createRouter, type Handlers } from './router.ts';

/** Dependencies whose every method records that it was reached (none is needed to build the table). */
const unusedDeps = new Proxy({}, { get: () => new Proxy({}, { get: () => () => undefined }) }) as HandlerDeps;

describe('handler table', () => {
  it('has exactly one handler for every contract channel and none extra', () => {
    const handlers = createHandlers(unusedDeps);
    expect(Object.keys(handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
    for (const channel of INVOKE_CHANNELS) expect(typeof handlers[channel]).toBe('function');
  });

  it('names channels domain:verb-noun in kebab case', () => {
    for (const name of [...INVOKE_CHANNELS, ...EVENT_CHANNELS]) expect(name).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    expect(Object.keys(invokeContract)).toHaveLength(INVOKE_CHANNELS.length);
    expect(Object.keys(eventContract)).toHaveLength(EVENT_CHANNELS.length);
  });
});

describe('router', () => {
  const base = createHandlers(unusedDeps);
  const make = (overrides: Partial<Handlers>) => createRouter({ ...base, ...overrides }, new EventBus(), silentLogger);

  it('validates requests before the handler runs', async () => {
    let called = false;
    const router = make({ 'predictions:recent': () => ((called = true), []) });
    const r = await router.handle('predictions:recent', { stationId: 'demo', limit: -1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!r.ok && r.error.message).toMatch(/limit/);
    expect(called).toBe(false);
  });

  it('applies schema defaults and passes the parsed request', async () => {
    let seen: unknown;
    const router = make({ 'predictions:recent': (req) => ((seen = req), []) });
    expect(await router.handle('predictions:recent', { stationId: 'demo' })).toEqual({ ok: true, value: [] });
    expect(seen).toEqual({ stationId: 'demo', limit: 200 });
  });

  it('rejects unknown fields (strict requests)', async () => {
    const r = await make({}).handle('app:get-info', { sneaky: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('turns thrown errors into results, keeping AppError codes', async () => {
    const router = make({
      'models:list': () => {
        throw new AppError('DB_FAILED', 'disk gone');
      },
      'stations:list': () => {
        throw new TypeError('boom');
      },
    });
    expect(await router.handle('models:list', {})).toEqual({ ok: false, error: { code: 'DB_FAILED', message: 'disk gone' } });
    expect(await router.handle('stations:list', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });

  it('answers unknown channels with UNKNOWN_CHANNEL, including prototype names', async () => {
    for (const name of ['nope', 'toString', '__proto__', 'constructor']) {
      expect(await make({}).handle(name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('fans events out to every subscriber until it unsubscribes', () => {
    const bus = new EventBus();
    const router = createRouter(base, bus, silentLogger);
    const got: string[] = [];
    const off = router.onEvent((e) => got.push(e));
    bus.emit('app:notice', { level: 'info', code: 'X', message: 'm', at: 1 });
    off();
    bus.emit('app:notice', { level: 'info', code: 'X', message: 'm', at: 2 });
    expect(got).toEqual(['app:notice']);
  });
});

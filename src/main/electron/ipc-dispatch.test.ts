import { describe, expect, it, vi } from 'vitest';
import { ok, type Result } from '../../shared/result.ts';
import { AppError } from '../../shared/errors.ts';
import { dispatchInvoke } from './ipc-dispatch.ts';
import { RENDERER_ENTRY_URL } from './security.ts';

const trusted = { url: RENDERER_ENTRY_URL, isMainFrame: true };

function router(handle: (channel: string, payload: unknown) => Promise<Result<unknown>>) {
  return { handle: vi.fn(handle) };
}

describe('dispatchInvoke', () => {
  it('forwards trusted requests to the router unchanged', async () => {
    const r = router(async () => ok([{ id: 'demo' }]));
    expect(await dispatchInvoke(r, trusted, 'stations:list', {})).toEqual({ ok: true, value: [{ id: 'demo' }] });
    expect(r.handle).toHaveBeenCalledWith('stations:list', {});
  });

  it('rejects untrusted senders before the router runs', async () => {
    const r = router(async () => ok(null));
    for (const sender of [null, { url: 'https://evil.example/', isMainFrame: true }, { ...trusted, isMainFrame: false }]) {
      expect(await dispatchInvoke(r, sender, 'stations:list', {})).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHORIZED' },
      });
    }
    expect(r.handle).not.toHaveBeenCalled();
  });

  it('rejects a non-string channel as BAD_REQUEST', async () => {
    const r = router(async () => ok(null));
    expect(await dispatchInvoke(r, trusted, 42, {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(r.handle).not.toHaveBeenCalled();
  });

  it('turns a router that throws into a failed Result, keeping AppError codes', async () => {
    const r = router(async () => {
      throw new AppError('DB_FAILED', 'disk I/O error');
    });
    expect(await dispatchInvoke(r, trusted, 'stations:list', {})).toEqual({
      ok: false,
      error: { code: 'DB_FAILED', message: 'disk I/O error' },
    });
  });
});

/**
 * InferenceService with failOnRunError (how the app runs it): a model that returns NaN on real input
 * is marked failed with the reason, restarted with backoff, and the other models keep answering.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../../../test/fixtures/models/fixtures.ts';
import { loadModelPackage } from './model-package.ts';
import { InferenceService } from './inference-service.ts';

const s = new InferenceService({ failOnRunError: true, backoff: { initialMs: 200, maxMs: 1000 } });
afterAll(() => s.stop());

const state = (id: string) => s.list().find((m) => m.id === id)!;
const negative = () => Float32Array.from({ length: 64 }, (_, i) => -1 - i / 64);

describe('InferenceService (failOnRunError)', () => {
  it('fails and restarts a NaN model with backoff, isolated from the others', async () => {
    await s.activate(await loadModelPackage(fixtureDir('nan-on-input')));
    await s.activate(await loadModelPackage(fixtureDir('tiny-logreg')));
    const pid = state('nan-on-input').pid;
    const [bad, good] = await Promise.allSettled([s.infer('nan-on-input', '1.0.0', negative(), 1), s.infer('tiny-logreg', '1.0.0', negative(), 1)]);
    expect(bad.status === 'rejected' && bad.reason.message).toBe('nan-on-input@1.0.0: model returned NaN');
    expect(good.status).toBe('fulfilled');
    expect(state('nan-on-input')).toMatchObject({ state: 'failed', failure: 'nan-on-input@1.0.0: model returned NaN', failures: 1 });
    await expect(s.infer('nan-on-input', '1.0.0', negative(), 1)).rejects.toThrow(/is not ready \(failed\): .*returned NaN/);
    await expect.poll(() => state('nan-on-input').state, { timeout: 5000 }).toBe('ready');
    expect(state('nan-on-input').restarts).toBe(1);
    expect(state('nan-on-input').pid).not.toBe(pid);
    // The restarted host fails again on the next real input; the backoff doubles.
    await s.infer('nan-on-input', '1.0.0', negative(), 1).catch(() => undefined);
    const again = state('nan-on-input');
    expect(again.state).toBe('failed');
    expect(again.nextRestartAt! - Date.now()).toBeGreaterThan(250);
    expect(state('tiny-logreg')).toMatchObject({ state: 'ready', runs: 1 });
  });
});

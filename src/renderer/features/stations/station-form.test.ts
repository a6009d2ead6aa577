import { describe, expect, it } from 'vitest';
import { configFromForm, EMPTY_FORM, formFromConfig } from './station-form.ts';

const filled = {
  ...EMPTY_FORM, id: 'pier', name: 'Pier', host: 'h.example', user: 'aiw', privateKeyPath: '/k', remoteRoot: '/data',
  lat: '36.6', lon: '-121.9', depthM: '20', channelLayout: 'pressure, x', bandwidthLimitKBps: '500',
};

describe('station form', () => {
  it('builds a valid config and round-trips it', () => {
    const r = configFromForm(filled);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toMatchObject({
      id: 'pier', port: 22, auth: { method: 'key', privateKeyPath: '/k' }, depthM: 20, channelLayout: ['pressure', 'x'],
      transfer: { bandwidthLimitBps: 500_000, parallel: 2, order: 'oldest-first' },
    });
    expect(configFromForm(formFromConfig(r.config))).toEqual(r);
  });

  it('puts a typed-in secret behind a store reference and keeps an existing one', () => {
    const typed = configFromForm({ ...filled, authMethod: 'password', secret: 'hunter2' });
    expect(typed.ok && typed.config.auth).toEqual({ method: 'password', password: { store: 'pending' } });
    const kept = configFromForm({ ...filled, authMethod: 'key', secretRef: { env: 'PASS' } });
    expect(kept.ok && kept.config.auth).toEqual({ method: 'key', privateKeyPath: '/k', passphrase: { env: 'PASS' } });
    expect(JSON.stringify(typed)).not.toContain('hunter2');
  });

  it('lists the problems of an incomplete form', () => {
    const r = configFromForm({ ...EMPTY_FORM, id: 'Bad Id', remoteRoot: 'rel' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join('\n')).toMatch(/id:.*\n.*name/s);
  });
});

import { describe, expect, it } from 'vitest';
import { remoteStationConfigSchema } from '../../../shared/station-config.ts';
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

describe('station form: signal chain and unshown settings', () => {
  const base = remoteStationConfigSchema.parse({
    id: 'pier', name: 'Pier', host: 'h.example', user: 'aiw', auth: { method: 'agent', socket: '/run/agent.sock' }, remoteRoot: '/data',
    lat: 1, lon: 2, timePattern: { regex: '(?<y>\\d{4})' }, tzOffsetMinutes: 120, sidecar: 'hdr', gapToleranceMs: 2000,
    conditioning: { highPassHz: 5, gainDb: -6 }, trustOnFirstUse: true, sampleRate: 96000, behindWarningS: 60,
    channelLayout: ['pressure', 'x', 'y', 'z'],
  });

  it('re-saving an unchanged form keeps every setting, shown or not', () => {
    const r = configFromForm(formFromConfig(base));
    expect(r).toEqual({ ok: true, config: base });
  });

  it('edits sidecar, gap tolerance and conditioning, and keeps what it does not show', () => {
    const form = { ...formFromConfig(base), sidecar: 'none' as const, gapToleranceMs: '10000', highPassHz: '', gainDb: '3', name: 'Pier 2' };
    const r = configFromForm(form);
    expect(r.ok && r.config).toEqual({
      ...base, name: 'Pier 2', sidecar: 'none', gapToleranceMs: 10_000, conditioning: { gainDb: 3 },
    });
    const off = configFromForm({ ...form, gainDb: '0' });
    expect(off.ok && off.config.conditioning).toBeUndefined();
  });

  it('validates the new fields with the shared schema', () => {
    const r = configFromForm({ ...formFromConfig(base), gapToleranceMs: '70000', highPassHz: '-1', tzOffsetMinutes: 'x' });
    expect(!r.ok && r.errors.join('\n')).toMatch(/gapToleranceMs/);
    expect(!r.ok && r.errors.join('\n')).toMatch(/conditioning\.highPassHz/);
    expect(!r.ok && r.errors.join('\n')).toMatch(/tzOffsetMinutes/);
  });
});

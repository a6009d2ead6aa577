import { describe, expect, it } from 'vitest';
import { configSchema } from '../app/config.ts';
import { remoteStationConfigSchema } from '../../shared/station-config.ts';
import { stationSignalOf } from './station-signal.ts';

const minimal = {
  id: 'pier', name: 'Pier', host: 'station.example', user: 'aiw', auth: { method: 'agent' }, remoteRoot: '/data', lat: 36.6, lon: -121.9,
};

describe('remote station config', () => {
  it('fills defaults for everything optional', () => {
    expect(remoteStationConfigSchema.parse(minimal)).toMatchObject({
      port: 22, enabled: true, trustOnFirstUse: false, include: '*.{wav,flac,WAV,FLAC}', timePattern: 'iso-basic',
      pollIntervalS: 60, stableAfterS: 600, channelLayout: ['pressure'],
      transfer: { parallel: 2, bandwidthLimitBps: 0, order: 'oldest-first' },
      sidecar: 'auto', gapToleranceMs: 50,
    });
    expect(remoteStationConfigSchema.parse(minimal)).not.toHaveProperty('conditioning');
  });

  it('carries the signal-chain settings (sidecar, gap tolerance, layout, conditioning) in their own shape', () => {
    const config = remoteStationConfigSchema.parse({
      ...minimal, timePattern: 'mars', tzOffsetMinutes: -480, sidecar: 'hdr', gapToleranceMs: 10_000,
      channelLayout: ['pressure', 'x', 'y', 'z'], conditioning: { highPassHz: 5 },
    });
    expect(stationSignalOf(config)).toEqual({
      recordingTime: { pattern: 'mars', tzOffsetMinutes: -480, sidecar: 'hdr' }, gapToleranceMs: 10_000,
      channelLayout: ['pressure', 'x', 'y', 'z'], conditioning: { highPassHz: 5, gainDb: 0 },
    });
    for (const bad of [{ sidecar: 'yes' }, { gapToleranceMs: -1 }, { conditioning: { highPassHz: 5, gian: 1 } }]) {
      expect(remoteStationConfigSchema.safeParse({ ...minimal, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('normalises a fingerprint written as OpenSSH prints it', () => {
    const fp = 'WHsrVs5LzHefrgadrjsuFDT0exQBagV4uYWJ95go2As';
    expect(remoteStationConfigSchema.parse({ ...minimal, hostKeyFingerprint: `SHA256:${fp}` }).hostKeyFingerprint).toBe(fp);
    expect(remoteStationConfigSchema.safeParse({ ...minimal, hostKeyFingerprint: 'MD5:aa:bb' }).success).toBe(false);
  });

  it('refuses secrets written in clear, unknown keys, relative roots and the demo id', () => {
    const bad = [
      { ...minimal, auth: { method: 'password', password: 'hunter2' } },
      { ...minimal, auth: { method: 'key', privateKeyPath: '/k', passphrase: 'x' } },
      { ...minimal, pasword: 'x' },
      { ...minimal, remoteRoot: 'data' },
      { ...minimal, id: 'demo' },
      { ...minimal, transfer: { parallel: 0 } },
    ];
    for (const b of bad) expect(remoteStationConfigSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });

  it('is part of the --config file, with unique ids', () => {
    expect(configSchema.parse({ stations: [minimal] }).stations).toHaveLength(1);
    expect(configSchema.safeParse({ stations: [minimal, minimal] }).success).toBe(false);
    expect(configSchema.parse({}).ingest).toEqual({ minFreeBytes: 1024 ** 3, maxAgeDays: 0, maxCacheBytes: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { aisSourceConfigSchema } from '../../../shared/ais-sources.ts';
import { configFromForm, formFromConfig } from './source-form.ts';

describe('AIS source form', () => {
  it('turns a new UDP source into a config with the schema defaults', () => {
    const r = configFromForm({ ...formFromConfig(), id: 'rx' });
    expect(r).toEqual({ ok: true, config: aisSourceConfigSchema.parse({ id: 'rx', kind: 'udp', host: '127.0.0.1', port: 10110 }) });
  });

  it('round-trips every kind, keeping fields the form does not show', () => {
    const configs = [
      { id: 'c', kind: 'tcp-client', host: '192.0.2.10', port: 5012, stallAfterS: 30 },
      { id: 's', kind: 'tcp-server', host: '0.0.0.0', port: 5631, maxClients: 4 },
      { id: 'r', kind: 'replay', path: '/data/log.nmea.gz', format: 'nmea', speed: 10, shiftToNow: true, loop: true },
      { id: 'a', kind: 'aisstream', radiusKm: 50, apiKeySecret: 'my-key', boundingBoxes: [[[1, 2], [3, 4]]] },
      { id: 'v', kind: 'seavision', radiusMiles: 80, intervalS: 60, enabled: false },
    ].map((c) => aisSourceConfigSchema.parse(c));
    for (const config of configs) expect(configFromForm(formFromConfig(config), config)).toEqual({ ok: true, config });
  });

  it('changes the kind without dragging the old kind\'s fields along', () => {
    const udp = aisSourceConfigSchema.parse({ id: 'x', kind: 'udp', port: 10110, maxMessagesPerSecond: 5 });
    const r = configFromForm({ ...formFromConfig(udp), kind: 'seavision', radius: '120' }, udp);
    expect(r).toMatchObject({ ok: true, config: { id: 'x', kind: 'seavision', radiusMiles: 120, intervalS: 45 } });
    expect(r.ok && 'port' in r.config).toBe(false);
  });

  it('reports every problem with its field', () => {
    const r = configFromForm({ ...formFromConfig(), id: 'bad id!', port: 'abc' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join('\n')).toMatch(/^id: .*\n?port: /m);
    expect(configFromForm({ ...formFromConfig(), id: 'r', kind: 'replay', path: '' })).toMatchObject({ ok: false, errors: [expect.stringMatching(/^path/)] });
  });
});

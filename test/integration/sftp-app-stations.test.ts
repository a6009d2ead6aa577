/**
 * Remote stations added, changed and removed in the app through the API (the Stations page's
 * path): saved in the settings, secrets in the secret store only, started and stopped at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContainer, type AppContainer } from '../../src/main/app/container.ts';
import { silentLogger } from '../../src/main/app/logger.ts';
import type { SecretStore } from '../../src/main/app/secrets.ts';
import { tempDir } from '../helpers/serve-process.ts';
import { putRemote, stationConfig, waitFor, wavBytes } from '../helpers/sftp-station.ts';
import { startSshd, sshdUnavailableReason, type SshdHandle } from '../helpers/sshd.ts';

const reason = sshdUnavailableReason();
if (reason) process.stderr.write(`SKIPPING app-defined station tests: ${reason}\n`);

function memoryStore(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, get: async (n) => values.get(n), set: async (n, v) => void values.set(n, v), delete: async (n) => void values.delete(n) };
}

describe.skipIf(!!reason)('remote stations added in the app', () => {
  let sshd: SshdHandle;
  let app: AppContainer;
  let dataDir: string;
  const secrets = memoryStore();
  const call = (channel: string, payload: unknown) => app.router.handle(channel, payload) as Promise<{ ok: boolean; value?: never; error?: { code: string; message: string } }>;

  beforeAll(async () => {
    sshd = await startSshd();
    dataDir = tempDir('aiw-app-stations-');
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ demo: { enabled: false } }));
    app = await createContainer({ dataDir, mode: 'desktop', configFile: join(dataDir, 'config.json'), secrets, logger: silentLogger });
    await app.start();
  });
  afterAll(async () => {
    await app?.stop();
    await sshd?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('saves a station, keeps typed secrets out of the settings, connects, and removes it', async () => {
    putRemote(sshd, 'app/rec_20240101T000000Z.wav', wavBytes(1));
    const config = stationConfig(sshd, { id: 'app1', remoteRoot: join(sshd.root, 'app'), stableAfterS: 0 });
    const bad = await call('stations:save-remote', { config: { ...config, port: 'x' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const saved = await call('stations:save-remote', { config, passphrase: 'not-a-real-passphrase' });
    expect(saved).toMatchObject({ ok: true, value: { source: 'app', secretsPresent: true, config: { auth: { passphrase: { store: 'station:app1:passphrase' } } } } });
    expect(secrets.values.get('station:app1:passphrase')).toBe('not-a-real-passphrase');
    expect(JSON.stringify(app.repos.settings.get('ingest.remoteStations', []))).not.toContain('not-a-real-passphrase');

    // The key is not encrypted, so the passphrase is unused; the station connects and downloads.
    await waitFor(() => app.repos.ingest.stateCounts('app1').done === 1, 15_000, 'the download');
    const status = await call('stations:status', {});
    expect((status.value as unknown as { stationId: string; ingest?: { connection: string } }[]).find((s) => s.stationId === 'app1'))
      .toMatchObject({ ingest: { connection: 'connected' } });

    const removed = await call('stations:delete-remote', { stationId: 'app1' });
    expect(removed).toMatchObject({ ok: true });
    expect(secrets.values.has('station:app1:passphrase')).toBe(false);
    const after = await call('stations:status', {});
    expect((after.value as unknown as { stationId: string }[]).map((s) => s.stationId)).not.toContain('app1');
    expect((await call('stations:remote-configs', {})).value).toEqual([]);
  });
});

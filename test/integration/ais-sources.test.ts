/**
 * AIS sources end to end on loopback, into a real SQLite file: NMEA over a TCP server, a TCP client
 * and UDP replayed at high rate (counts must match a reference decode of the same bytes), garbage,
 * floods, stalls, absurd positions, file replays, and mock aisstream.io / SeaVision services.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, connect, type AddressInfo } from 'node:net';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { silentLogger } from '../../src/main/app/logger.ts';
import { AisDecoder } from '../../src/main/ais/decode.ts';
import { encodeNmea } from '../../src/main/ais/encode.ts';
import { AisIngest } from '../../src/main/ais/ingest.ts';
import { createAisStore } from '../../src/main/ais/ingest-store.ts';
import { aisConfigSchema } from '../../src/main/ais/sources/config.ts';
import { AisSourcesService } from '../../src/main/ais/sources/sources-service.ts';
import type { TcpServerSource, UdpSource } from '../../src/main/ais/sources/net-sources.ts';
import { openDatabase, type Db } from '../../src/main/storage/database.ts';
import { REPO_ROOT, tempDir } from '../helpers/serve-process.ts';

const FIXTURE = readFileSync(join(REPO_ROOT, 'test/fixtures/ais/pyais/nmea_data_sample.txt'), 'utf8');
const SENSOR = { lat: 36.712465, lon: -122.187548 };

/** Messages a fresh decoder finds in `text` (the reference count). */
function expectedMessages(text: string): number {
  const d = new AisDecoder();
  d.pushChunk(text, Date.now());
  d.end();
  return d.stats().messages;
}

interface Harness { db: Db; service: AisSourcesService; ingest: AisIngest }
let harness: Harness | undefined;

async function startSources(sources: unknown[], publishMs = 100): Promise<Harness> {
  const db = openDatabase(join(tempDir('aiw-ais-'), 'aiw.db'));
  const ingest = new AisIngest({ store: createAisStore(db), logger: silentLogger, flushIntervalMs: 50 });
  const service = new AisSourcesService({ ingest, logger: silentLogger, sensor: () => SENSOR, publishMs });
  await service.start(aisConfigSchema.parse({ sources }).sources, false);
  harness = { db, service, ingest };
  return harness;
}

afterEach(async () => {
  await harness?.service.stop();
  harness?.db.close();
  harness = undefined;
});

const health = (h: Harness, id: string) => h.service.status().find((s) => s.id === id)!;
const until = (check: () => boolean, timeout = 15_000) => expect.poll(check, { timeout, interval: 50 }).toBe(true);
const count = (db: Db, where = '1') => db.prepare(`SELECT count(*) FROM ais_positions WHERE ${where}`).pluck().get() as number;

describe('NMEA over the network', () => {
  it('TCP server: a receiver streaming 20 copies of a real log as fast as it can; every message is decoded and stored', async () => {
    const h = await startSources([{ id: 'tcp', kind: 'tcp-server', port: 0 }]);
    const text = FIXTURE.repeat(20);
    const socket = connect((h.service.source('tcp') as TcpServerSource).port!, '127.0.0.1');
    socket.end(text);
    const expected = expectedMessages(text);
    await until(() => health(h, 'tcp').messages === expected);
    h.ingest.flush();
    expect(count(h.db)).toBe(h.ingest.countsOf('tcp').positions);
    expect(count(h.db)).toBeGreaterThan(10_000);
  });

  it('TCP client: connects to a feed, decodes it, and reconnects after the feed restarts', async () => {
    const text = FIXTURE.repeat(10);
    const feed = createServer((s) => s.end(text));
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
    const port = (feed.address() as AddressInfo).port;
    const h = await startSources([{ id: 'cli', kind: 'tcp-client', port }]);
    const expected = expectedMessages(text);
    await until(() => health(h, 'cli').messages >= expected);
    expect(health(h, 'cli').messages % expected).toBe(0); // whole copies: the client reconnected, never half-decoded
    feed.close();
  });

  it('UDP: datagrams of several sentences at high rate; counts match', async () => {
    const h = await startSources([{ id: 'udp', kind: 'udp', port: 0 }]);
    const port = (h.service.source('udp') as UdpSource).port!;
    const lines = FIXTURE.split('\n').filter((l) => l.trim()).concat(FIXTURE.split('\n').filter((l) => l.trim()));
    const sender = createSocket('udp4');
    for (let i = 0; i < lines.length; i += 8) {
      sender.send(lines.slice(i, i + 8).join('\r\n'), port, '127.0.0.1');
      if (i % 400 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const expected = expectedMessages(lines.join('\n'));
    await until(() => health(h, 'udp').messages === expected);
    sender.close();
  });

  it('survives garbage bytes, bad checksums, truncated sentences and orphan fragments, and counts them', async () => {
    const h = await startSources([{ id: 'tcp', kind: 'tcp-server', port: 0 }]);
    const good = FIXTURE.split('\n').slice(0, 200).join('\n') + '\n';
    const bad = '!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*27\n!AIVDM,1,1,,A,13aEOK?P00PD\n!AIVDM,2,1,7,A,55NBsv02,0*00\n';
    const socket = connect((h.service.source('tcp') as TcpServerSource).port!, '127.0.0.1');
    socket.write(randomBytes(200_000));
    socket.write('\n' + bad);
    socket.end(good);
    const expected = expectedMessages(good);
    await until(() => health(h, 'tcp').messages === expected);
    const errors = health(h, 'tcp').decodeErrors;
    expect((errors['bad-checksum'] ?? 0) + (errors.malformed ?? 0)).toBeGreaterThanOrEqual(2);
  });

  it('never stores an absurd position', async () => {
    const h = await startSources([{ id: 'tcp', kind: 'tcp-server', port: 0 }]);
    const base = { type: 1 as const, mmsi: 366000001, speed: 10, course: 90, second: 10 };
    const sentences = [
      encodeNmea({ ...base, lat: 95, lon: -122 }), encodeNmea({ ...base, lat: 0, lon: 0 }),
      encodeNmea({ ...base, lat: 36.7, lon: -122.2, speed: 80 }), encodeNmea({ ...base, lat: null, lon: null }),
      encodeNmea({ ...base, lat: 36.7, lon: -122.2 }), encodeNmea({ ...base, mmsi: 366000002, lat: 36.6, lon: -122.1, second: 63 }),
    ].flat();
    const socket = connect((h.service.source('tcp') as TcpServerSource).port!, '127.0.0.1');
    socket.end(sentences.join('\r\n') + '\r\n');
    await until(() => health(h, 'tcp').messages === 6);
    h.ingest.flush();
    expect(count(h.db)).toBe(1);
    expect(count(h.db, 'abs(lat) > 90 OR (lat = 0 AND lon = 0) OR sog > 60')).toBe(0);
    expect(h.ingest.stats().rejectedBy).toMatchObject({ 'out-of-range': 1, 'null-island': 1, 'implausible-speed': 1, 'position-not-available': 1, 'positioning-inoperative': 1 });
  });

  it('drops and counts a flood beyond the source limit', async () => {
    const h = await startSources([{ id: 'tcp', kind: 'tcp-server', port: 0, maxMessagesPerSecond: 100 }]);
    const socket = connect((h.service.source('tcp') as TcpServerSource).port!, '127.0.0.1');
    socket.end(FIXTURE.repeat(5));
    await until(() => (health(h, 'tcp').decodeErrors['rate-limited'] ?? 0) > 1000);
    expect(health(h, 'tcp').messages).toBeLessThanOrEqual(300);
  });

  it('reports a silent source as stalled, and live again when it talks', async () => {
    const h = await startSources([{ id: 'tcp', kind: 'tcp-server', port: 0, stallAfterS: 0.3 }]);
    const socket = connect((h.service.source('tcp') as TcpServerSource).port!, '127.0.0.1');
    socket.write(FIXTURE.split('\n').slice(0, 5).join('\n') + '\n');
    await until(() => health(h, 'tcp').state === 'stalled', 5000);
    socket.write(FIXTURE.split('\n').slice(5, 10).join('\n') + '\n');
    await until(() => health(h, 'tcp').state === 'listening', 5000);
    socket.end();
  });
});

describe('file replay', () => {
  it('replays MarineCadastre CSV and aisstream JSON lines at full speed', async () => {
    const dir = tempDir('aiw-ais-replay-');
    const csv = join(dir, 'ais.csv');
    const rows = Array.from({ length: 500 }, (_, i) => `3660000${10 + (i % 5)},2023-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},${(36.7 + i * 1e-4).toFixed(5)},-122.100,10.0,90.0,511,NAME${i % 5},,,70,0,100,20,5,,A`);
    writeFileSync(csv, ['MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass', ...rows, 'not,a,row'].join('\n'));
    const jsonl = join(dir, 'ais.jsonl');
    const msg = (i: number) => JSON.stringify({ MessageType: 'PositionReport', MetaData: { MMSI: 259000420, time_utc: `2023-01-01 00:00:${String(i).padStart(2, '0')} +0000 UTC` }, Message: { PositionReport: { Latitude: 60 + i / 1e4, Longitude: 5, Sog: 5, Cog: 10, TrueHeading: 10 } } });
    writeFileSync(jsonl, [...Array.from({ length: 50 }, (_, i) => msg(i)), '{broken'].join('\n'));
    const h = await startSources([{ id: 'csv', kind: 'replay', path: csv, speed: 0 }, { id: 'json', kind: 'replay', path: jsonl, speed: 0 }]);
    await until(() => health(h, 'csv').state === 'finished' && health(h, 'json').state === 'finished');
    h.ingest.flush();
    expect(h.ingest.countsOf('csv')).toMatchObject({ positions: 500, rejected: 0 });
    expect(h.ingest.countsOf('json').positions).toBe(50);
    expect(health(h, 'json').decodeErrors['not-json']).toBe(1);
    expect(h.db.prepare('SELECT count(*) FROM vessels').pluck().get()).toBe(5); // the JSON feed had no static data
  });

  it('paces an NMEA log by its tag-block times (shifted to now)', async () => {
    const dir = tempDir('aiw-ais-replay-');
    const file = join(dir, 'tagged.nmea');
    const t0 = Date.UTC(2020, 0, 1);
    const lines = Array.from({ length: 20 }, (_, i) => encodeNmea({ type: 1, mmsi: 366000003, lat: 36.7, lon: -122.2 + i * 1e-4, speed: 5, course: 90, second: 1 }, { tagBlock: { time: t0 + i * 1000 } })).flat();
    writeFileSync(file, lines.join('\n') + '\n');
    const started = Date.now();
    const h = await startSources([{ id: 'log', kind: 'replay', path: file, speed: 20, shiftToNow: true }]);
    await until(() => health(h, 'log').state === 'finished');
    expect(Date.now() - started).toBeGreaterThanOrEqual(19_000 / 20 - 50);
    h.ingest.flush();
    const times = h.db.prepare('SELECT time FROM ais_positions ORDER BY time').pluck().all() as number[];
    expect(times).toHaveLength(20);
    expect(times[0]).toBeGreaterThan(started - 5000);
    expect(times[19] - times[0]).toBe(19_000);
  });
});

describe('internet services (mock servers on loopback)', () => {
  it('aisstream.io: subscribes with the key and a box around the sensor, stores what it pushes', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => wss.once('listening', r));
    const subscriptions: unknown[] = [];
    wss.on('connection', (ws) => ws.once('message', (data) => {
      subscriptions.push(JSON.parse(String(data)));
      ws.send('not json');
      ws.send(JSON.stringify({ MessageType: 'PositionReport', MetaData: { MMSI: 366000004, time_utc: '2024-01-01 00:00:00 +0000 UTC' }, Message: { PositionReport: { Latitude: 36.8, Longitude: -122.1, Sog: 8, Cog: 45, TrueHeading: 44 } } }));
    }));
    process.env.AIW_AISSTREAM_API_KEY = 'test-key';
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const h = await startSources([{ id: 'as', kind: 'aisstream', url, radiusKm: 50 }]);
    await until(() => h.ingest.countsOf('as').positions === 1);
    const sub = subscriptions[0] as { APIKey: string; BoundingBoxes: number[][][] };
    expect(sub.APIKey).toBe('test-key');
    expect(sub.BoundingBoxes[0][0][0]).toBeCloseTo(SENSOR.lat - 50 / 111.32, 6);
    expect(health(h, 'as').decodeErrors['not-json']).toBe(1);
    delete process.env.AIW_AISSTREAM_API_KEY;
    wss.close();
  });

  it('SeaVision: polls with the key in a header, stores new fixes only, backs off on HTTP 429', async () => {
    const requests: { url: string; key: string | undefined }[] = [];
    const server = createHttpServer((req, res) => {
      requests.push({ url: req.url ?? '', key: req.headers['x-api-key'] as string | undefined });
      if (requests.length > 2) return void res.writeHead(429).end();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify([{ mmsi: 366000005, latitude: 36.75, longitude: -122.15, SOG: 9, COG: 100, heading: 99, timeOfFix: 1_700_000_000, name: 'SV', vesselType: '30-Fishing' }]));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    process.env.AIW_SEAVISION_API_KEY = 'sv-key';
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const h = await startSources([{ id: 'sv', kind: 'seavision', baseUrl, intervalS: 1 }]);
    await until(() => health(h, 'sv').state === 'error', 10_000);
    expect(health(h, 'sv').lastError).toMatch(/429/);
    expect(requests[0].key).toBe('sv-key');
    expect(requests[0].url).toMatch(/^\/v1\/vessels\?latitude=36\.712465&longitude=-122\.187548&radius=100&age=1$/);
    expect(h.ingest.countsOf('sv').positions).toBe(1); // the second poll returned the same fix
    delete process.env.AIW_SEAVISION_API_KEY;
    server.close();
  });

  it('refuses plain-text URLs to non-loopback hosts', async () => {
    const h = await startSources([{ id: 'sv', kind: 'seavision', baseUrl: 'http://example.invalid' }]);
    expect(health(h, 'sv').state).toBe('error');
    expect(health(h, 'sv').lastError).toMatch(/https/);
  });
});

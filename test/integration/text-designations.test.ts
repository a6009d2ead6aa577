/**
 * Text designations from the non-NMEA AIS sources reach the Classes page: MarineCadastre CSV and
 * aisstream JSON replays and a mock SeaVision service feed the real ingest into a SQLite file; the
 * catalogue then lists each text designation with its vessel count and mean length, beam and
 * deadweight, the seed's known texts with their class and new ones flagged as Unknown.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/main/app/logger.ts';
import { AisIngest } from '../../src/main/ais/ingest.ts';
import { createAisStore } from '../../src/main/ais/ingest-store.ts';
import { aisConfigSchema } from '../../src/main/ais/sources/config.ts';
import { AisSourcesService } from '../../src/main/ais/sources/sources-service.ts';
import { createMappingRepo } from '../../src/main/classes/mapping-repo.ts';
import { openDatabase, type Db } from '../../src/main/storage/database.ts';
import { tempDir } from '../helpers/serve-process.ts';

const SENSOR = { lat: 36.712465, lon: -122.187548 };
const HEADER = 'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass,DWT';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

function replayFiles(dir: string): { csv: string; jsonl: string } {
  const csv = join(dir, 'ais.csv');
  const row = (mmsi: number, type: string, len: number, beam: number, dwt: string) =>
    `${mmsi},2015-01-01T00:00:0${mmsi % 10},36.7,-122.1,10.0,90.0,511,V${mmsi},,,${type},0,${len},${beam},5,,A,${dwt}`;
  writeFileSync(csv, [HEADER,
    row(367000001, 'Bulk Carrier', 190, 32, '50000'), row(367000002, 'Bulk Carrier', 210, 30, '70000'),
    row(367000003, 'Offshore Wind Farm Vessel', 60, 14, ''), row(367000004, '70', 120, 20, ''),
  ].join('\n'));
  const jsonl = join(dir, 'ais.jsonl');
  writeFileSync(jsonl, JSON.stringify({
    MessageType: 'ShipStaticData', MetaData: { MMSI: 259000420, time_utc: '2023-01-01 00:00:00 +0000 UTC' },
    Message: { ShipStaticData: { Name: 'GAMMA', Type: 'Crew Boat', Dimension: { A: 20, B: 5, C: 3, D: 3 } } },
  }) + '\n');
  return { csv, jsonl };
}

async function seaVisionMock(): Promise<Server> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify([
      { mmsi: 366000005, latitude: 36.75, longitude: -122.15, timeOfFix: 1_700_000_000, name: 'SV', vesselType: 'Bulk Carrier', length: 200, beam: 34, deadweight: 60000 },
      { mmsi: 366000006, latitude: 36.76, longitude: -122.15, timeOfFix: 1_700_000_000, name: 'SW', vesselType: 'Ice Breaker', length: 90, beam: 20 },
    ]));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

async function ingestAll(db: Db): Promise<void> {
  const dir = tempDir('aiw-designations-');
  const { csv, jsonl } = replayFiles(dir);
  const sv = await seaVisionMock();
  process.env.AIW_SEAVISION_API_KEY = 'sv-key';
  const ingest = new AisIngest({ store: createAisStore(db), logger: silentLogger, flushIntervalMs: 50 });
  const service = new AisSourcesService({ ingest, logger: silentLogger, sensor: () => SENSOR, publishMs: 100 });
  cleanup = async () => {
    await service.stop();
    sv.close();
    delete process.env.AIW_SEAVISION_API_KEY;
    db.close();
  };
  await service.start(aisConfigSchema.parse({ sources: [
    { id: 'csv', kind: 'replay', path: csv, speed: 0 }, { id: 'json', kind: 'replay', path: jsonl, speed: 0 },
    { id: 'sv', kind: 'seavision', baseUrl: `http://127.0.0.1:${(sv.address() as AddressInfo).port}`, intervalS: 60 },
  ] }).sources, false);
  const status = (id: string) => service.status().find((s) => s.id === id)!;
  await expect.poll(() => status('csv').state === 'finished' && status('json').state === 'finished' && ingest.countsOf('sv').positions === 2,
    { timeout: 15_000, interval: 50 }).toBe(true);
  ingest.flush();
}

describe('text designations from AIS sources', () => {
  it('fill the Classes table with vessel counts, mean sizes and deadweight; new texts are flagged Unknown', async () => {
    const db = openDatabase(join(tempDir('aiw-designations-db-'), 'aiw.db'));
    await ingestAll(db);
    const mapping = createMappingRepo(db);
    expect(mapping.syncFromVessels(1000)).toBe(2); // Offshore Wind Farm Vessel and Ice Breaker (Crew Boat is a seed text)
    const rows = new Map(mapping.designationRows(mapping.currentVersion()).map((r) => [r.designation, r]));
    expect(rows.get('Bulk Carrier')).toMatchObject({ kind: 'text', classId: 'D', flagged: false, vessels: 3, meanLengthM: 200, meanBeamM: 32, meanDeadweightT: 60000 });
    expect(rows.get('Crew Boat')).toMatchObject({ kind: 'text', classId: 'A', flagged: false, vessels: 1, meanLengthM: 25, meanBeamM: 6 });
    expect(rows.get('Offshore Wind Farm Vessel')).toMatchObject({ kind: 'text', classId: 'Unknown', flagged: true, vessels: 1, meanDeadweightT: null, firstSeen: 1000 });
    expect(rows.get('Ice Breaker')).toMatchObject({ classId: 'Unknown', flagged: true, vessels: 1, meanLengthM: 90 });
    expect(rows.get('70')).toMatchObject({ kind: 'code', classId: 'D', vessels: 1 });
    const sizes = new Map(mapping.classSizes(mapping.currentVersion()).map((s) => [s.classId, s]));
    expect(sizes.get('D')).toMatchObject({ vessels: 4, meanDeadweightT: 60000 });
  });
});

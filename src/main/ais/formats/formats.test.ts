import { describe, expect, it } from 'vitest';
import { aisstreamLineObservations, parseAisstreamTime } from './aisstream-json.ts';
import { csvRowObservations, parseCsvHeader, splitCsvLine } from './marinecadastre-csv.ts';
import { seavisionObservations, seavisionTypeCode } from './seavision-json.ts';

describe('MarineCadastre CSV', () => {
  const header = parseCsvHeader('MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass')!;

  it('reads a row into a fix and static data, mapping sentinels to null', () => {
    const [pos, stat] = csvRowObservations('367004670,2023-01-01T00:00:03,36.70000,-122.10000,10.2,360.0,511,"ALPHA, BETA",IMO9234567,WDA1234,70,0,120,20,5.5,70,A', header, 'mc');
    expect(pos).toEqual({ kind: 'position', fix: { mmsi: 367004670, time: Date.UTC(2023, 0, 1, 0, 0, 3), lat: 36.7, lon: -122.1, sog: 10.2, cog: null, heading: null, msgType: 1, source: 'mc' } });
    expect(stat).toEqual({ kind: 'static', data: { mmsi: 367004670, at: Date.UTC(2023, 0, 1, 0, 0, 3), source: 'mc', name: 'ALPHA, BETA', callsign: 'WDA1234', imo: 9234567, shipType: 70, lengthM: 120, beamM: 20, draughtM: 5.5, transponder: 'A' } });
  });

  it('refuses files without the needed columns and splits quoted fields', () => {
    expect(parseCsvHeader('a,b,c')).toBeNull();
    expect(splitCsvLine('1,"a ""q"", b",3')).toEqual(['1', 'a "q", b', '3']);
    expect(csvRowObservations('garbage', header, 'mc')).toEqual([]);
  });
});

describe('aisstream JSON', () => {
  it('parses Go-style UTC times', () => {
    expect(parseAisstreamTime('2022-12-29 18:22:32.318353 +0000 UTC')).toBe(Date.UTC(2022, 11, 29, 18, 22, 32, 318));
  });

  it('reads a position report with sentinels as null', () => {
    const line = JSON.stringify({
      MessageType: 'PositionReport',
      MetaData: { MMSI: 259000420, time_utc: '2022-12-29 18:22:32.318353 +0000 UTC' },
      Message: { PositionReport: { UserID: 259000420, Latitude: 66.02, Longitude: 12.25, Sog: 102.3, Cog: 360, TrueHeading: 511, Timestamp: 31 } },
    });
    expect(aisstreamLineObservations(line, 'as', 0)).toEqual([{ kind: 'position', fix: {
      mmsi: 259000420, time: Date.UTC(2022, 11, 29, 18, 22, 32, 318), lat: 66.02, lon: 12.25, sog: null, cog: null, heading: null, second: 31, msgType: 1, source: 'as',
    } }]);
  });

  it('reads static data and counts non-JSON lines', () => {
    const line = JSON.stringify({
      MessageType: 'ShipStaticData', MetaData: { MMSI: 1, time_utc: '2023-01-01 00:00:00 +0000 UTC' },
      Message: { ShipStaticData: { Name: 'ALPHA@@@@', CallSign: 'AB12', ImoNumber: 0, Type: 36, Dimension: { A: 10, B: 2, C: 1, D: 2 }, Destination: 'SF', Eta: { Month: 3, Day: 4, Hour: 5, Minute: 6 } } },
    });
    expect(aisstreamLineObservations(line, 'as', 0)?.[0]).toMatchObject({ kind: 'static', data: { name: 'ALPHA', callsign: 'AB12', shipType: 36, toBow: 10, toStern: 2, destination: 'SF', eta: '03-04T05:06Z' } });
    expect(aisstreamLineObservations('{nope', 'as', 0)).toBeNull();
    expect(aisstreamLineObservations('{"MessageType":"Unknown"}', 'as', 0)).toEqual([]);
  });
});

describe('SeaVision records', () => {
  it('reads a record with NN-Name types and epoch-second times', () => {
    const obs = seavisionObservations({ mmsi: 366999999, latitude: 36.8, longitude: -122.1, SOG: 12, COG: 181, heading: 511, timeOfFix: 1700000000, name: 'BRAVO', vesselType: '70-Cargo', length: 200, beam: 32 }, 'sv');
    expect(obs[0]).toEqual({ kind: 'position', fix: { mmsi: 366999999, time: 1_700_000_000_000, lat: 36.8, lon: -122.1, sog: 12, cog: 181, heading: null, msgType: 1, source: 'sv' } });
    expect(obs[1]).toMatchObject({ kind: 'static', data: { name: 'BRAVO', shipType: 70, lengthM: 200, beamM: 32 } });
    expect(seavisionTypeCode('0-AllShips')).toBeUndefined();
    expect(seavisionObservations(null, 'sv')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { csvRowObservations, parseCsvHeader } from './marinecadastre-csv.ts';
import { aisstreamObservations } from './aisstream-json.ts';
import { seavisionObservations } from './seavision-json.ts';
import { deadweightOf, shipTypeFields } from './ship-type.ts';

describe('ship type fields', () => {
  it('codes stay codes, "NN-Name" is its code, free text is a text designation', () => {
    expect(shipTypeFields(70)).toEqual({ shipType: 70 });
    expect(shipTypeFields('70')).toEqual({ shipType: 70 });
    expect(shipTypeFields('70-Cargo')).toEqual({ shipType: 70 });
    expect(shipTypeFields('120')).toEqual({ shipType: 120 }); // reserved code: kept, the catalogue flags it
    expect(shipTypeFields('  Bulk   Carrier ')).toEqual({ designation: 'Bulk Carrier' });
    expect(shipTypeFields('Passenger/Ro-Ro Cargo Ship')).toEqual({ designation: 'Passenger/Ro-Ro Cargo Ship' });
    for (const none of [0, '0', '0-AllShips', '', '   ', null, undefined, -3, '2.5', Number.NaN]) expect(shipTypeFields(none)).toEqual({});
  });

  it('deadweight only when positive', () => {
    expect([deadweightOf('52000'), deadweightOf(0), deadweightOf('x'), deadweightOf(1200.5)]).toEqual([52000, undefined, undefined, 1200.5]);
  });
});

describe('text designations per source', () => {
  it('MarineCadastre: a text VesselType (and a DWT column) become the designation and deadweight', () => {
    const header = parseCsvHeader('MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass,DWT')!;
    const [, text] = csvRowObservations('367000001,2015-01-01T00:00:00,36.7,-122.1,10,90,511,ALPHA,,,Bulk Carrier,0,180,30,9,,A,52000', header, 'mc');
    expect(text).toMatchObject({ kind: 'static', data: { designation: 'Bulk Carrier', deadweightT: 52000, lengthM: 180 } });
    expect(text.kind === 'static' && text.data.shipType).toBeFalsy();
    const [, code] = csvRowObservations('367000002,2015-01-01T00:00:00,36.7,-122.1,10,90,511,BETA,,,70,0,180,30,9,,A,', header, 'mc');
    expect(code).toMatchObject({ kind: 'static', data: { shipType: 70 } });
    expect(code.kind === 'static' && code.data.designation).toBeFalsy();
  });

  it('SeaVision: text vesselType and deadweight', () => {
    const [, s] = seavisionObservations({ mmsi: 1, latitude: 36, longitude: -122, timeOfFix: 1_700_000_000, vesselType: 'Research Vessel', deadweight: 800 }, 'sv');
    expect(s).toMatchObject({ kind: 'static', data: { designation: 'Research Vessel', deadweightT: 800 } });
  });

  it('aisstream: a text Type is a designation, a numeric one a code', () => {
    const env = (type: unknown) => ({ MessageType: 'ShipStaticData', MetaData: { MMSI: 5, time_utc: '2023-01-01 00:00:00 +0000 UTC' }, Message: { ShipStaticData: { Name: 'X', Type: type } } });
    expect(aisstreamObservations(env('Crew Boat'), 'as', 0)[0]).toMatchObject({ kind: 'static', data: { designation: 'Crew Boat' } });
    expect(aisstreamObservations(env(36), 'as', 0)[0]).toMatchObject({ kind: 'static', data: { shipType: 36 } });
  });
});

/**
 * Class-dependent vessel generation: AIS identity, dimensions, speed, propulsion and the acoustic
 * parameters the synthesiser voices (ship-noise.md §1.5 per-class model, §2.2 propulsion, §3.4 source
 * depth, §5.1 dimensions, §5.2 AIS type codes; ranges marked (eng.) in the reference are randomised).
 *
 * Class mapping follows ITU-R M.1371 codes as in §5.2: A fishing 30 / towing 31–32 / dredging 33 / SAR 51
 * / tug 52 / tender 53 / law enforcement 55; B sailing 36 / pleasure 37 / pilot 50; C passenger 60–69;
 * D cargo 70–79 / tanker 80–89 / military 35.
 */
import { buildDemon, buildToneLines, cavitationFactor, continuumDb, type JeParams, type ShipAcoustics } from './source.ts';
import { vesselName, vesselRegistration, type NameStyle } from './names.ts';
import type { Rng } from './prng.ts';

export type ShipClassId = 'A' | 'B' | 'C' | 'D';
type Range = readonly [number, number];

/** Highest tonal frequency generated: 0.45 × 8 kHz (§7.2). */
const MAX_LINE_HZ = 3600;

interface VesselType {
  readonly key: NameStyle;
  readonly classId: ShipClassId;
  /** Share within its class (§7.4: D container/bulk/tanker/vehicle/naval ≈ 30/30/20/10/10). */
  readonly weight: number;
  readonly aisTypes: readonly number[];
  readonly je: JeParams;
  readonly lengthM: Range;
  /** Length / beam. */
  readonly slenderness: Range;
  readonly draftM: Range;
  readonly speedKn: Range;
  readonly blades: Range;
  readonly shaftRpm: Range;
  /** Fixed-pitch: rpm ∝ speed. Controllable pitch: rpm constant (§2.1). */
  readonly fixedPitch: boolean;
  /** 'direct2' slow two-stroke on the shaft; 'geared4' four-stroke through a gearbox; 'electric' (no firing lines). */
  readonly drive: 'direct2' | 'geared4' | 'electric';
  readonly cylinders: Range;
  readonly engineRpm: Range;
  /** Generator set rpm choices (60 Hz grid, §2.1); empty = no generator lines (small craft). */
  readonly gensetRpm: readonly number[];
  readonly sourceDepthM: Range;
  readonly inceptionKn: Range;
  readonly lineBoostDb: Range;
  readonly crossoverHz: Range;
  readonly slMeanDb: number;
  /** AIS transponder class: 'B' reports every 30 s (§5.2). */
  readonly transponder: 'A' | 'B';
}

const je = (vcKn: number, cargo = false, dLf = 0.8, d = 3): JeParams => ({ vcKn, d, cargo, dLf });
const MERCHANT = { fixedPitch: true, drive: 'direct2', engineRpm: [0, 0], gensetRpm: [720, 900], inceptionKn: [5, 10], lineBoostDb: [10, 20], crossoverHz: [100, 250], slMeanDb: 0, transponder: 'A' } as const;
const WORKBOAT = { fixedPitch: false, drive: 'geared4', gensetRpm: [1200, 1800], lineBoostDb: [6, 14], crossoverHz: [250, 450], slMeanDb: 0, transponder: 'A' } as const;
const SMALL = { fixedPitch: true, drive: 'geared4', gensetRpm: [], lineBoostDb: [6, 14], crossoverHz: [300, 500], slMeanDb: 0 } as const;

export const VESSEL_TYPES: readonly VesselType[] = [
  { ...WORKBOAT, key: 'fishing', classId: 'A', weight: 0.55, aisTypes: [30], je: je(6.4), lengthM: [12, 45], slenderness: [3.2, 4.5], draftM: [2, 5], speedKn: [3, 11], blades: [3, 4], shaftRpm: [200, 450], cylinders: [6, 12], engineRpm: [1000, 1800], sourceDepthM: [2, 4], inceptionKn: [6, 9] },
  { ...WORKBOAT, key: 'tug', classId: 'A', weight: 0.3, aisTypes: [52, 52, 31, 32], je: je(3.7), lengthM: [20, 40], slenderness: [2.6, 3.2], draftM: [3, 6], speedKn: [4, 11], blades: [4, 4], shaftRpm: [150, 350], cylinders: [6, 16], engineRpm: [750, 1800], sourceDepthM: [2, 4], inceptionKn: [5, 8], lineBoostDb: [5, 12] },
  { ...WORKBOAT, key: 'gov', classId: 'A', weight: 0.15, aisTypes: [51, 53, 55, 33], je: je(8), lengthM: [25, 70], slenderness: [4, 5], draftM: [2.5, 5], speedKn: [7, 13], blades: [4, 5], shaftRpm: [200, 400], cylinders: [8, 16], engineRpm: [900, 1800], sourceDepthM: [2.5, 4], inceptionKn: [9, 14], lineBoostDb: [5, 12] },
  { ...SMALL, key: 'pleasure', classId: 'B', weight: 0.5, aisTypes: [37], je: je(10.6), lengthM: [6, 20], slenderness: [3, 3.8], draftM: [0.5, 1.5], speedKn: [5, 28], blades: [3, 3], shaftRpm: [1500, 3200], cylinders: [4, 8], engineRpm: [3500, 5500], sourceDepthM: [0.5, 1.2], inceptionKn: [12, 18], transponder: 'B' },
  { ...SMALL, key: 'sail', classId: 'B', weight: 0.2, aisTypes: [36], je: je(10.6), lengthM: [8, 20], slenderness: [3, 3.6], draftM: [1.5, 3], speedKn: [4, 8], blades: [2, 3], shaftRpm: [800, 1800], cylinders: [2, 4], engineRpm: [1800, 3000], sourceDepthM: [0.8, 1.5], inceptionKn: [12, 20], transponder: 'B' },
  { ...SMALL, key: 'pilot', classId: 'B', weight: 0.3, aisTypes: [50], je: je(10.6), lengthM: [12, 25], slenderness: [3.2, 4], draftM: [1, 2], speedKn: [15, 26], blades: [4, 5], shaftRpm: [800, 1200], cylinders: [8, 12], engineRpm: [1800, 2300], gensetRpm: [1800], sourceDepthM: [0.8, 1.5], inceptionKn: [12, 18], lineBoostDb: [4, 10], transponder: 'A' },
  { ...WORKBOAT, key: 'ferry', classId: 'C', weight: 0.5, aisTypes: [60, 69], je: je(9.7), lengthM: [40, 200], slenderness: [5, 6.5], draftM: [2.5, 7], speedKn: [12, 22], blades: [4, 5], shaftRpm: [150, 250], cylinders: [6, 16], engineRpm: [500, 750], gensetRpm: [720, 900, 1200], sourceDepthM: [3, 5], inceptionKn: [8, 12], lineBoostDb: [8, 15], crossoverHz: [150, 300] },
  { ...MERCHANT, key: 'cruise', classId: 'C', weight: 0.5, aisTypes: [60, 69], je: je(17.1, false, 0.8, 4), lengthM: [200, 340], slenderness: [7, 8], draftM: [7, 9], speedKn: [14, 21], blades: [4, 5], shaftRpm: [120, 180], drive: 'electric', cylinders: [8, 16], gensetRpm: [514, 600, 720], sourceDepthM: [4, 7], inceptionKn: [9, 13] },
  { ...MERCHANT, key: 'container', classId: 'D', weight: 0.3, aisTypes: [70, 71, 74, 79], je: je(18, true, 0.8), lengthM: [150, 366], slenderness: [6.3, 7.5], draftM: [10, 15], speedKn: [14, 22], blades: [5, 6], shaftRpm: [70, 105], cylinders: [6, 12], sourceDepthM: [5, 9] },
  { ...MERCHANT, key: 'bulk', classId: 'D', weight: 0.3, aisTypes: [70, 79], je: je(13.9, true, 0.8), lengthM: [150, 290], slenderness: [5.8, 6.5], draftM: [9, 16], speedKn: [11, 15], blades: [4, 5], shaftRpm: [75, 130], cylinders: [5, 7], sourceDepthM: [5, 9] },
  { ...MERCHANT, key: 'tanker', classId: 'D', weight: 0.2, aisTypes: [80, 81, 82, 84, 89], je: je(12.4, true, 1.0), lengthM: [120, 330], slenderness: [5.5, 6], draftM: [9, 18], speedKn: [11, 15.5], blades: [4, 5], shaftRpm: [75, 120], cylinders: [5, 7], sourceDepthM: [5, 9] },
  { ...MERCHANT, key: 'vehicle', classId: 'D', weight: 0.1, aisTypes: [70], je: je(15.8, true, 1.0), lengthM: [180, 230], slenderness: [5.6, 7], draftM: [8, 10], speedKn: [15, 19], blades: [5, 5], shaftRpm: [90, 120], cylinders: [6, 8], sourceDepthM: [4, 7] },
  { ...WORKBOAT, key: 'naval', classId: 'D', weight: 0.1, aisTypes: [35], je: je(11.1), lengthM: [100, 160], slenderness: [7, 9], draftM: [5, 7], speedKn: [10, 18], blades: [5, 7], shaftRpm: [100, 250], cylinders: [12, 20], engineRpm: [1000, 1500], sourceDepthM: [3, 5], inceptionKn: [11, 18], lineBoostDb: [8, 14], crossoverHz: [150, 300], slMeanDb: -2 },
];

/** A generated vessel: identity, dimensions, kinematics and acoustics (everything but its track). */
export interface Vessel {
  readonly typeKey: NameStyle;
  readonly classId: ShipClassId;
  readonly mmsi: number;
  readonly name: string;
  readonly callsign: string;
  /** AIS ship type code (ITU-R M.1371). */
  readonly shipType: number;
  readonly lengthM: number;
  readonly beamM: number;
  readonly draftM: number;
  readonly speedKn: number;
  readonly sourceDepthM: number;
  readonly transponder: 'A' | 'B';
  readonly acoustics: ShipAcoustics;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Draws one vessel of the given class. */
export function generateVessel(rng: Rng, classId: ShipClassId): Vessel {
  const type = rng.weighted(VESSEL_TYPES.filter((t) => t.classId === classId).map((t) => [t, t.weight] as const));
  const lengthM = Math.round(rng.inRange(type.lengthM));
  const speedKn = round1(pleasureAwareSpeed(rng, type));
  const draftM = round1(rng.inRange(type.draftM));
  const { mmsi, callsign } = vesselRegistration(rng, type.key);
  return {
    typeKey: type.key,
    classId,
    mmsi,
    name: vesselName(rng, type.key),
    callsign,
    shipType: rng.pick(type.aisTypes),
    lengthM,
    beamM: Math.round(lengthM / rng.inRange(type.slenderness)),
    draftM,
    speedKn,
    // The propeller centre sits above the keel: never deeper than ~0.85 × draft (§3.4).
    sourceDepthM: round1(Math.max(0.4, Math.min(rng.inRange(type.sourceDepthM), 0.85 * draftM))),
    transponder: type.transponder,
    acoustics: generateAcoustics(rng, type, speedKn, lengthM),
  };
}

/**
 * Motor pleasure craft either potter at displacement speed or plane (§1.5: 4–7 / 15–35 kn). Planing is
 * favoured (60 %) because displacement-speed boats are inaudible at an 891 m deep sensor.
 */
function pleasureAwareSpeed(rng: Rng, type: VesselType): number {
  if (type.key === 'pleasure') return rng.chance(0.4) ? rng.uniform(5, 9) : rng.uniform(15, 28);
  return rng.inRange(type.speedKn);
}

function generateAcoustics(rng: Rng, type: VesselType, speedKn: number, lengthM: number): ShipAcoustics {
  const blades = rng.int(type.blades[0], type.blades[1]);
  const serviceKn = (type.speedKn[0] + type.speedKn[1]) / 2;
  const rpmScale = type.fixedPitch ? Math.min(1.25, Math.max(0.45, speedKn / serviceKn)) : 1;
  const shaftRpm = rng.inRange(type.shaftRpm) * rpmScale;
  const shaftRateHz = shaftRpm / 60;
  const firingOrder = firingOrderOf(rng, type, shaftRpm);
  const gensetRpm = type.gensetRpm.length ? rng.pick(type.gensetRpm) : 0;
  const cavitation = cavitationFactor(speedKn, rng.inRange(type.inceptionKn));
  const base = {
    je: type.je,
    slOffsetDb: type.slMeanDb + rng.truncNormal(0, 5, -10, 10),
    tiltDbPerDecade: rng.uniform(-3, 3),
    cavitationTiltDbPerDecade: cavitation * rng.uniform(9, 16),
  };
  const lines = buildToneLines(rng, {
    shaftRateHz,
    blades,
    firingOrder,
    generatorRateHz: gensetRpm / 60,
    generatorFiringOrder: rng.int(6, 16) / 2,
    gridHz: 60,
    lineBoostDb: type.lineBoostDb,
    continuumDb: (f) => continuumDb(f, speedKn, lengthM, base),
    maxHz: MAX_LINE_HZ,
  });
  return {
    ...base,
    bowSternDb: rng.uniform(3, 10),
    shaftRpm,
    blades,
    bladeRateHz: blades * shaftRateHz,
    firingOrder,
    generatorRateHz: gensetRpm / 60,
    cavitation,
    crossoverHz: rng.inRange(type.crossoverHz),
    demon: buildDemon(rng, cavitation, type.classId === 'B'),
    jitter: { sigma: rng.uniform(0.002, 0.01), tauS: rng.uniform(5, 60) },
    lines,
  };
}

/**
 * Engine firing frequency as a multiple of shaft rate (§2.1): N_cyl for a direct-drive two-stroke,
 * N_cyl·gear/2 for a geared four-stroke, none for diesel-electric (its generators carry the lines).
 */
function firingOrderOf(rng: Rng, type: VesselType, shaftRpm: number): number {
  const cylinders = rng.int(type.cylinders[0], type.cylinders[1]);
  if (type.drive === 'direct2') return cylinders;
  if (type.drive === 'electric') return 0;
  const gear = Math.max(1.2, rng.inRange(type.engineRpm) / shaftRpm);
  return (cylinders * gear) / 2;
}

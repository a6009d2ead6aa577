/**
 * Bit layouts of the supported AIS message types (ITU-R M.1371-5, as documented by
 * gpsd's AIVDM/AIVDO protocol decoding guide) and their scaling to physical units.
 */
import { trimAisText, type AisBits } from './bits.ts';
import type {
  AidToNavigationReport,
  AisCommon,
  AisMessage,
  BaseStationReport,
  ClassBExtendedReport,
  ClassBPositionReport,
  Dimensions,
  LongRangeReport,
  PositionReportA,
  SarAircraftReport,
  StaticDataReportA,
  StaticDataReportB,
  StaticVoyageData,
} from './types.ts';

/** Position resolution of most messages: 1/10 000 minute. */
export const LATLON_DIV = 600_000;
/** Position resolution of type 27: 1/10 minute. */
export const LONG_RANGE_LATLON_DIV = 600;

/**
 * Fewest payload bits each type needs for every field up to the RAIM flag / name,
 * so slightly short real-world messages (missing radio or spare bits) still decode.
 */
export const MIN_BITS: Readonly<Record<number, number>> = {
  1: 149, 2: 149, 3: 149, 4: 149, 11: 149, 5: 420, 9: 148, 18: 148, 19: 308, 21: 271, 27: 95,
};

/**
 * Most bits a type may have. Type 27 is 96 bits (some stations pad it to 168); longer
 * "type 27" payloads are corrupt, and decoding them would invent long-range positions.
 */
export const MAX_BITS: Readonly<Record<number, number>> = { 27: 168 };

/** Minimum bits of type 24 part A (name) and part B (dimensions). */
export const MIN_BITS_24 = { a: 160, b: 162 } as const;

function common(bits: AisBits): AisCommon {
  return { class: 'AIS', type: bits.uint(0, 6), repeat: bits.uint(6, 2), mmsi: bits.uint(8, 30) };
}

/** Longitude then latitude fields at `start`; the 181°/91° sentinels become null. */
function position(bits: AisBits, start: number, lonBits: number, latBits: number, div: number) {
  const lon = bits.int(start, lonBits);
  const lat = bits.int(start + lonBits, latBits);
  return { lon: lon === 181 * div ? null : lon / div, lat: lat === 91 * div ? null : lat / div };
}

/** A raw value, or null when it equals the "not available" sentinel. */
function orNull(raw: number, sentinel: number): number | null {
  return raw === sentinel ? null : raw;
}

/** A raw value divided by 10, or null at the sentinel. */
function tenths(raw: number, sentinel: number): number | null {
  return raw === sentinel ? null : raw / 10;
}

/** ITU rate-of-turn indicator to °/min: sign · (ROT_AIS / 4.733)², rounded to 0.01 (keeps it invertible). */
export function turnFromRaw(raw: number): number | null {
  if (raw === -128) return null;
  const rate = (raw / 4.733) ** 2;
  return Math.round((raw < 0 ? -rate : rate) * 100) / 100;
}

/** Inverse of `turnFromRaw`: °/min to the ROT_AIS indicator (−127…127, −128 for null). */
export function turnToRaw(turn: number | null): number {
  if (turn === null) return -128;
  const raw = Math.round(4.733 * Math.sqrt(Math.abs(turn)));
  return Math.sign(turn) * Math.min(127, raw);
}

function dimensions(bits: AisBits, start: number): Dimensions {
  return {
    to_bow: bits.uint(start, 9),
    to_stern: bits.uint(start + 9, 9),
    to_port: bits.uint(start + 18, 6),
    to_starboard: bits.uint(start + 24, 6),
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Types 1, 2, 3. */
export function decodePositionA(bits: AisBits): PositionReportA {
  return {
    ...(common(bits) as AisCommon & { type: 1 | 2 | 3 }),
    status: bits.uint(38, 4),
    turn: turnFromRaw(bits.int(42, 8)),
    speed: tenths(bits.uint(50, 10), 1023),
    accuracy: bits.flag(60),
    ...position(bits, 61, 28, 27, LATLON_DIV),
    course: tenths(bits.uint(116, 12), 3600),
    heading: orNull(bits.uint(128, 9), 511),
    second: bits.uint(137, 6),
    maneuver: bits.uint(143, 2),
    raim: bits.flag(148),
    radio: bits.uint(149, 19),
  };
}

/** Types 4 and 11. */
export function decodeBaseStation(bits: AisBits): BaseStationReport {
  const [year, month, day] = [bits.uint(38, 14), bits.uint(52, 4), bits.uint(56, 5)];
  const [hour, minute, second] = [bits.uint(61, 5), bits.uint(66, 6), bits.uint(72, 6)];
  return {
    ...(common(bits) as AisCommon & { type: 4 | 11 }),
    year: orNull(year, 0),
    month: orNull(month, 0),
    day: orNull(day, 0),
    hour: orNull(hour, 24),
    minute: orNull(minute, 60),
    second: orNull(second, 60),
    timestamp: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}Z`,
    accuracy: bits.flag(78),
    ...position(bits, 79, 28, 27, LATLON_DIV),
    epfd: bits.uint(134, 4),
    raim: bits.flag(148),
    radio: bits.uint(149, 19),
  };
}

/** Type 5. */
export function decodeStaticVoyage(bits: AisBits): StaticVoyageData {
  const [month, day, hour, minute] = [bits.uint(274, 4), bits.uint(278, 5), bits.uint(283, 5), bits.uint(288, 6)];
  return {
    ...(common(bits) as AisCommon & { type: 5 }),
    ais_version: bits.uint(38, 2),
    imo: orNull(bits.uint(40, 30), 0),
    callsign: bits.text(70, 7),
    shipname: bits.text(112, 20),
    shiptype: orNull(bits.uint(232, 8), 0),
    ...dimensions(bits, 240),
    epfd: bits.uint(270, 4),
    month: orNull(month, 0),
    day: orNull(day, 0),
    hour: orNull(hour, 24),
    minute: orNull(minute, 60),
    eta: `${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}Z`,
    draught: tenths(bits.uint(294, 8), 0),
    destination: bits.text(302, 20),
    dte: bits.uint(422, 1),
  };
}

/** Type 9. */
export function decodeSarAircraft(bits: AisBits): SarAircraftReport {
  return {
    ...(common(bits) as AisCommon & { type: 9 }),
    alt: orNull(bits.uint(38, 12), 4095),
    speed: orNull(bits.uint(50, 10), 1023),
    accuracy: bits.flag(60),
    ...position(bits, 61, 28, 27, LATLON_DIV),
    course: tenths(bits.uint(116, 12), 3600),
    second: bits.uint(128, 6),
    regional: bits.uint(134, 8),
    dte: bits.uint(142, 1),
    assigned: bits.flag(146),
    raim: bits.flag(147),
    radio: bits.uint(148, 20),
  };
}

/** Fields shared by types 18 and 19, up to the timestamp second. */
function classBKinematics(bits: AisBits) {
  return {
    reserved: bits.uint(38, 8),
    speed: tenths(bits.uint(46, 10), 1023),
    accuracy: bits.flag(56),
    ...position(bits, 57, 28, 27, LATLON_DIV),
    course: tenths(bits.uint(112, 12), 3600),
    heading: orNull(bits.uint(124, 9), 511),
    second: bits.uint(133, 6),
  };
}

/** Type 18. */
export function decodeClassB(bits: AisBits): ClassBPositionReport {
  return {
    ...(common(bits) as AisCommon & { type: 18 }),
    ...classBKinematics(bits),
    regional: bits.uint(139, 2),
    cs: bits.flag(141),
    display: bits.flag(142),
    dsc: bits.flag(143),
    band: bits.flag(144),
    msg22: bits.flag(145),
    assigned: bits.flag(146),
    raim: bits.flag(147),
    radio: bits.uint(148, 20),
  };
}

/** Type 19. */
export function decodeClassBExtended(bits: AisBits): ClassBExtendedReport {
  return {
    ...(common(bits) as AisCommon & { type: 19 }),
    ...classBKinematics(bits),
    regional: bits.uint(139, 4),
    shipname: bits.text(143, 20),
    shiptype: orNull(bits.uint(263, 8), 0),
    ...dimensions(bits, 271),
    epfd: bits.uint(301, 4),
    raim: bits.flag(305),
    dte: bits.uint(306, 1),
    assigned: bits.flag(307),
  };
}

/** Type 21; the name extension (bits 272…, up to 14 characters) is appended to the name. */
export function decodeAidToNavigation(bits: AisBits): AidToNavigationReport {
  return {
    ...(common(bits) as AisCommon & { type: 21 }),
    aid_type: bits.uint(38, 5),
    name: aidName(bits),
    accuracy: bits.flag(163),
    ...position(bits, 164, 28, 27, LATLON_DIV),
    ...dimensions(bits, 219),
    epfd: bits.uint(249, 4),
    second: bits.uint(253, 6),
    off_position: bits.flag(259),
    regional: bits.uint(260, 8),
    raim: bits.flag(268),
    virtual_aid: bits.flag(269),
    assigned: bits.flag(270),
  };
}

/** The 20-character name plus its extension, which only continues a name that fills all 20. */
function aidName(bits: AisBits): string {
  const base = bits.rawText(43, 20);
  if (base.includes('@')) return trimAisText(base);
  const extensionChars = Math.min(14, Math.floor((bits.bitLength - 272) / 6));
  return trimAisText(base + bits.rawText(272, extensionChars));
}

/** True for MMSIs of craft associated with a parent ship (98MIDxxxx). */
export function isAuxiliaryMmsi(mmsi: number): boolean {
  return Math.floor(mmsi / 10_000_000) === 98;
}

/** Type 24 part A (name) or part B (type, vendor, call sign, dimensions). */
export function decodeStaticDataB(bits: AisBits, partno: 0 | 1): StaticDataReportA | StaticDataReportB {
  const base = common(bits) as AisCommon & { type: 24 };
  if (partno === 0) return { ...base, partno, shipname: bits.text(40, 20) };
  const report: StaticDataReportB = {
    ...base,
    partno,
    shiptype: orNull(bits.uint(40, 8), 0),
    vendorid: bits.text(48, 3),
    model: bits.uint(66, 4),
    serial: bits.uint(70, 20),
    callsign: bits.text(90, 7),
  };
  if (isAuxiliaryMmsi(base.mmsi)) report.mothership_mmsi = bits.uint(132, 30);
  else Object.assign(report, dimensions(bits, 132));
  return report;
}

/** Type 27. */
export function decodeLongRange(bits: AisBits): LongRangeReport {
  return {
    ...(common(bits) as AisCommon & { type: 27 }),
    accuracy: bits.flag(38),
    raim: bits.flag(39),
    status: bits.uint(40, 4),
    ...position(bits, 44, 18, 17, LONG_RANGE_LATLON_DIV),
    speed: orNull(bits.uint(79, 6), 63),
    course: orNull(bits.uint(85, 9), 511),
    gnss: bits.flag(94),
  };
}

/** The decoder for a message type, or undefined when the type is not supported. */
export const DECODERS: Readonly<Record<number, (bits: AisBits) => AisMessage>> = {
  1: decodePositionA,
  2: decodePositionA,
  3: decodePositionA,
  4: decodeBaseStation,
  5: decodeStaticVoyage,
  9: decodeSarAircraft,
  11: decodeBaseStation,
  18: decodeClassB,
  19: decodeClassBExtended,
  21: decodeAidToNavigation,
  27: decodeLongRange,
};

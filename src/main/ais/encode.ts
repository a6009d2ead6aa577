/**
 * AIS encoder for message types 1/2/3, 5, 18 and 24 (A and B), and NMEA framing into
 * `!AIVDM` sentences. Used by tests (round trips) and by the demo station to emit real NMEA.
 *
 * Input uses the decoder's field names and units; omitted fields take "not available"
 * or neutral defaults.
 */
import { AppError } from '../../shared/errors.ts';
import { BitWriter } from './bits.ts';
import { LATLON_DIV, isAuxiliaryMmsi, turnToRaw } from './messages.ts';
import { checksumHex, formatTagBlock, nmeaChecksum } from './nmea.ts';
import type {
  ClassBPositionReport,
  Dimensions,
  PositionReportA,
  StaticDataReportA,
  StaticDataReportB,
  StaticVoyageData,
} from './types.ts';

type Input<T extends { type: number; mmsi: number }> = Partial<T> & Pick<T, 'type' | 'mmsi'>;

/** A message the encoder accepts. */
export type EncodableMessage =
  | Input<PositionReportA>
  | Input<StaticVoyageData>
  | Input<ClassBPositionReport>
  | (Input<StaticDataReportA> & { partno: 0 })
  | (Input<StaticDataReportB> & { partno: 1 });

/** Sentence framing options. */
export interface NmeaEncodeOptions {
  /** Radio channel, default 'A'. */
  channel?: 'A' | 'B';
  /** Sequential message id (0–9) used when the message needs several sentences; default 0. */
  sequenceId?: number;
  /** Talker id, default 'AI'. */
  talker?: string;
  /** Emit `VDO` (own ship) instead of `VDM`. */
  own?: boolean;
  /** Payload characters per sentence, default 60 (keeps sentences within 82 characters). */
  maxPayloadChars?: number;
  /** Tag block placed before the first sentence. */
  tagBlock?: { time?: number; source?: string };
}

const scaled = (value: number | null | undefined, factor: number, sentinel: number): number =>
  value === null || value === undefined ? sentinel : Math.round(value * factor);

function header(w: BitWriter, m: { type: number; mmsi: number; repeat?: number }): void {
  w.uint(m.type, 6).uint(m.repeat ?? 0, 2).uint(m.mmsi, 30);
}

function position(w: BitWriter, lon: number | null | undefined, lat: number | null | undefined): void {
  w.int(scaled(lon, LATLON_DIV, 181 * LATLON_DIV), 28).int(scaled(lat, LATLON_DIV, 91 * LATLON_DIV), 27);
}

function dimensions(w: BitWriter, d: Partial<Dimensions>): void {
  w.uint(d.to_bow ?? 0, 9).uint(d.to_stern ?? 0, 9).uint(d.to_port ?? 0, 6).uint(d.to_starboard ?? 0, 6);
}

/** Speed in 0.1 kn; 1022 means "102.2 kn or more", 1023 "not available". */
const speedTenths = (speed: number | null | undefined): number =>
  speed === null || speed === undefined ? 1023 : Math.min(Math.max(0, Math.round(speed * 10)), 1022);
/** Wraps an angle into [0, 360·factor) after scaling, so 359.97° becomes 0 rather than the sentinel. */
const angle = (value: number | null | undefined, factor: number, sentinel: number): number =>
  value === null || value === undefined ? sentinel : (((Math.round(value * factor) % (360 * factor)) + 360 * factor) % (360 * factor));
const courseTenths = (course: number | null | undefined): number => angle(course, 10, 3600);
const headingDegrees = (heading: number | null | undefined): number => angle(heading, 1, 511);

function encodePositionA(w: BitWriter, m: Input<PositionReportA>): void {
  header(w, m);
  w.uint(m.status ?? 15, 4).int(turnToRaw(m.turn ?? null), 8).uint(speedTenths(m.speed), 10).flag(m.accuracy ?? false);
  position(w, m.lon, m.lat);
  w.uint(courseTenths(m.course), 12).uint(headingDegrees(m.heading), 9).uint(m.second ?? 60, 6);
  w.uint(m.maneuver ?? 0, 2).uint(0, 3).flag(m.raim ?? false).uint(m.radio ?? 0, 19);
}

function encodeStaticVoyage(w: BitWriter, m: Input<StaticVoyageData>): void {
  header(w, m);
  w.uint(m.ais_version ?? 0, 2).uint(m.imo ?? 0, 30).text(m.callsign ?? '', 7).text(m.shipname ?? '', 20);
  w.uint(m.shiptype ?? 0, 8);
  dimensions(w, m);
  w.uint(m.epfd ?? 0, 4).uint(m.month ?? 0, 4).uint(m.day ?? 0, 5).uint(m.hour ?? 24, 5).uint(m.minute ?? 60, 6);
  w.uint(Math.min(scaled(m.draught, 10, 0), 255), 8).text(m.destination ?? '', 20).uint(m.dte ?? 0, 1).uint(0, 1);
}

function encodeClassB(w: BitWriter, m: Input<ClassBPositionReport>): void {
  header(w, m);
  w.uint(m.reserved ?? 0, 8).uint(speedTenths(m.speed), 10).flag(m.accuracy ?? false);
  position(w, m.lon, m.lat);
  w.uint(courseTenths(m.course), 12).uint(headingDegrees(m.heading), 9).uint(m.second ?? 60, 6).uint(m.regional ?? 0, 2);
  w.flag(m.cs ?? true).flag(m.display ?? false).flag(m.dsc ?? false).flag(m.band ?? false).flag(m.msg22 ?? false);
  w.flag(m.assigned ?? false).flag(m.raim ?? false).uint(m.radio ?? 0, 20);
}

function encodeStaticDataB(w: BitWriter, m: EncodableMessage & { type: 24 }): void {
  header(w, m);
  w.uint(m.partno, 2);
  if (m.partno === 0) {
    w.text(m.shipname ?? '', 20);
    return;
  }
  w.uint(m.shiptype ?? 0, 8).text(m.vendorid ?? '', 3).uint(m.model ?? 0, 4).uint(m.serial ?? 0, 20);
  w.text(m.callsign ?? '', 7);
  if (isAuxiliaryMmsi(m.mmsi)) w.uint(m.mothership_mmsi ?? 0, 30);
  else dimensions(w, m);
  w.uint(0, 6);
}

/** Encodes a message into an armoured payload and its fill-bit count. */
export function encodePayload(message: EncodableMessage): { payload: string; fillBits: number } {
  const w = new BitWriter();
  const m = message as EncodableMessage & { type: number };
  if (m.type === 1 || m.type === 2 || m.type === 3) encodePositionA(w, m as Input<PositionReportA>);
  else if (m.type === 5) encodeStaticVoyage(w, m as Input<StaticVoyageData>);
  else if (m.type === 18) encodeClassB(w, m as Input<ClassBPositionReport>);
  else if (m.type === 24) encodeStaticDataB(w, m as EncodableMessage & { type: 24 });
  else throw new AppError('BAD_REQUEST', `cannot encode AIS message type ${String(m.type)}`);
  return w.armour();
}

/** Frames an armoured payload as one or more `!xxVDM` sentences (no line terminators). */
export function frameSentences(payload: string, fillBits: number, options: NmeaEncodeOptions = {}): string[] {
  const chunkSize = options.maxPayloadChars ?? 60;
  const chunks: string[] = [];
  for (let i = 0; i < payload.length; i += chunkSize) chunks.push(payload.slice(i, i + chunkSize));
  if (chunks.length > 9) throw new AppError('BAD_REQUEST', 'AIS payload needs more than 9 sentences');
  const prefix = `${options.talker ?? 'AI'}${options.own === true ? 'VDO' : 'VDM'}`;
  const sequence = chunks.length > 1 ? String(options.sequenceId ?? 0) : '';
  return chunks.map((chunk, i) => {
    const fill = i === chunks.length - 1 ? fillBits : 0;
    const body = `${prefix},${chunks.length},${i + 1},${sequence},${options.channel ?? 'A'},${chunk},${fill}`;
    const tag = i === 0 && options.tagBlock !== undefined ? formatTagBlock(options.tagBlock) : '';
    return `${tag}!${body}*${checksumHex(nmeaChecksum(body))}`;
  });
}

/** Encodes a message straight to NMEA sentences. */
export function encodeNmea(message: EncodableMessage, options: NmeaEncodeOptions = {}): string[] {
  const { payload, fillBits } = encodePayload(message);
  return frameSentences(payload, fillBits, options);
}

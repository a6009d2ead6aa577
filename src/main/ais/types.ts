/**
 * Decoded AIS message shapes. Field names follow gpsd's AIVDM JSON (see docs/ais-fields.md).
 *
 * Values are scaled (degrees, knots, metres) and "not available" sentinels become null.
 */

/** Fields common to every AIS message. */
export interface AisCommon {
  class: 'AIS';
  /** Message type (1–27). */
  type: number;
  /** Repeat indicator (0–3). */
  repeat: number;
  /** Source MMSI. */
  mmsi: number;
}

/** Class A position report (types 1, 2, 3). */
export interface PositionReportA extends AisCommon {
  type: 1 | 2 | 3;
  /** Navigation status (0–15; 15 = not defined). */
  status: number;
  /** Rate of turn, °/min, right positive; ±720 = faster than 5°/30 s without a turn indicator. */
  turn: number | null;
  /** Speed over ground, knots (102.2 = 102.2 kn or more). */
  speed: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  /** Course over ground, degrees. */
  course: number | null;
  /** True heading, degrees. */
  heading: number | null;
  /** UTC second of the fix (60–63 = not available / manual / dead reckoning / inoperative). */
  second: number;
  maneuver: number;
  raim: boolean;
  radio: number;
}

/** Base station report (4) and UTC/date response (11). */
export interface BaseStationReport extends AisCommon {
  type: 4 | 11;
  year: number | null;
  month: number | null;
  day: number | null;
  hour: number | null;
  minute: number | null;
  second: number | null;
  /** gpsd-style `YYYY-MM-DDThh:mm:ssZ` built from the raw fields (sentinels included). */
  timestamp: string;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  epfd: number;
  raim: boolean;
  radio: number;
}

/** Ship dimensions from the reference point, metres. */
export interface Dimensions {
  to_bow: number;
  to_stern: number;
  to_port: number;
  to_starboard: number;
}

/** Static and voyage related data (5). */
export interface StaticVoyageData extends AisCommon, Dimensions {
  type: 5;
  ais_version: number;
  imo: number | null;
  callsign: string;
  shipname: string;
  shiptype: number | null;
  epfd: number;
  /** ETA parts (UTC); null when "not available". */
  month: number | null;
  day: number | null;
  hour: number | null;
  minute: number | null;
  /** gpsd-style `MM-DDThh:mmZ` built from the raw ETA fields. */
  eta: string;
  /** Maximum present static draught, metres. */
  draught: number | null;
  destination: string;
  /** 0 = data terminal ready, 1 = not available. */
  dte: number;
}

/** Standard SAR aircraft position report (9). */
export interface SarAircraftReport extends AisCommon {
  type: 9;
  /** Altitude, metres (4094 = 4094 m or higher). */
  alt: number | null;
  /** Speed over ground, whole knots (1022 = 1022 kn or more). */
  speed: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  course: number | null;
  second: number;
  regional: number;
  dte: number;
  assigned: boolean;
  raim: boolean;
  radio: number;
}

/** Class B position report (18). */
export interface ClassBPositionReport extends AisCommon {
  type: 18;
  reserved: number;
  speed: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  course: number | null;
  heading: number | null;
  second: number;
  regional: number;
  /** Carrier-sense (CS) unit. */
  cs: boolean;
  display: boolean;
  dsc: boolean;
  band: boolean;
  msg22: boolean;
  assigned: boolean;
  raim: boolean;
  radio: number;
}

/** Extended class B position report (19). */
export interface ClassBExtendedReport extends AisCommon, Dimensions {
  type: 19;
  reserved: number;
  speed: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  course: number | null;
  heading: number | null;
  second: number;
  regional: number;
  shipname: string;
  shiptype: number | null;
  epfd: number;
  raim: boolean;
  dte: number;
  assigned: boolean;
}

/** Aid-to-navigation report (21). */
export interface AidToNavigationReport extends AisCommon, Dimensions {
  type: 21;
  aid_type: number;
  /** Name with the name extension appended. */
  name: string;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  epfd: number;
  second: number;
  off_position: boolean;
  regional: number;
  raim: boolean;
  virtual_aid: boolean;
  assigned: boolean;
}

/** Static data report part A (24, partno 0). */
export interface StaticDataReportA extends AisCommon {
  type: 24;
  partno: 0;
  shipname: string;
}

/** Static data report part B (24, partno 1). Auxiliary craft (MMSI 98xxxxxxx) carry `mothership_mmsi` instead of dimensions. */
export interface StaticDataReportB extends AisCommon, Partial<Dimensions> {
  type: 24;
  partno: 1;
  shiptype: number | null;
  /** Manufacturer id (3 characters, ITU-R M.1371-5). */
  vendorid: string;
  model: number;
  serial: number;
  callsign: string;
  mothership_mmsi?: number;
}

/** Long-range broadcast (27). */
export interface LongRangeReport extends AisCommon {
  type: 27;
  accuracy: boolean;
  raim: boolean;
  status: number;
  /** Position, degrees (1/10 minute resolution). */
  lon: number | null;
  lat: number | null;
  /** Whole knots. */
  speed: number | null;
  /** Whole degrees. */
  course: number | null;
  /** Position latency flag as transmitted (true = older than 5 s). */
  gnss: boolean;
}

/** A message type this decoder does not interpret. */
export interface UnsupportedMessage extends AisCommon {
  unsupported: true;
}

/** Every decoded AIS message. */
export type AisMessage =
  | PositionReportA
  | BaseStationReport
  | StaticVoyageData
  | SarAircraftReport
  | ClassBPositionReport
  | ClassBExtendedReport
  | AidToNavigationReport
  | StaticDataReportA
  | StaticDataReportB
  | LongRangeReport
  | UnsupportedMessage;

/** Where and when a message was received. */
export interface MessageMeta {
  /** Reception time, epoch ms: tag block `c:` if present, else the time given to the decoder with the first fragment. */
  receivedAt?: number;
  /** Radio channel ('A', 'B', …) of the first fragment. */
  channel?: string;
  /** Tag block `s:` source (station). */
  source?: string;
  /** Talker id of the sentence ('AI', 'BS', …). */
  talker?: string;
}

/** A decoded message with its reception metadata. */
export type DecodedMessage = AisMessage & MessageMeta;

/** Every message type the decoder interprets field by field. */
export type SupportedMessage = Exclude<AisMessage, UnsupportedMessage>;

/** Narrows a message to the interpreted types (then `type` discriminates the union). */
export function isSupported<T extends AisMessage>(message: T): message is Exclude<T, UnsupportedMessage> {
  return !('unsupported' in message);
}

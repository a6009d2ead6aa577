/**
 * A simulated AIS report as the demo station emits it: a position report, carrying the static and
 * voyage fields (name, type, dimensions, call sign) only every ~6 minutes, as real AIS does.
 */
export interface AisReport {
  readonly mmsi: number;
  /** Epoch ms (UTC) of the fix. */
  readonly time: number;
  readonly lat: number;
  readonly lon: number;
  /** Speed over ground, knots. */
  readonly sog?: number;
  /** Course over ground, degrees true. */
  readonly cog?: number;
  /** True heading, degrees (absent for class-B transponders, which often do not report it). */
  readonly heading?: number;
  readonly shipName?: string;
  /** ITU-R M.1371 ship and cargo type code. */
  readonly shipType?: number;
  readonly lengthM?: number;
  readonly beamM?: number;
  readonly callsign?: string;
  /** Where the report came from ('demo' for the simulator). */
  readonly source: string;
}

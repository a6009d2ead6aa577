/**
 * The two sides of the simulator realism check at matched conditions (docs/simulator-realism.md):
 *  - real: every recording of the shared data folder (SanctSound vessel and non-vessel, DeepShip passenger and
 *    tanker, Orcasound ambient and Lab), mono, cut into 10 s windows;
 *  - simulated: the demo station's output (pressure channel, 8 kHz, with ambient) as 10 s windows at the same
 *    kind of condition — a single ship of each class at its CPA of 1–2 km (the DeepShip recordings' range), and
 *    ship-free ambient at several weather states. Scenario seeds are fixed, so the numbers are deterministic.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readAudioAll } from '../../src/main/audio/audio-file.ts';
import { DemoStation } from '../../src/main/demo/demo-station.ts';
import { Rng } from '../../src/main/demo/prng.ts';
import { MARS_SENSOR, placeShip, type SimShip } from '../../src/main/demo/scenario.ts';
import { generateVessel, type ShipClassId } from '../../src/main/demo/vessels.ts';
import { listDeepShipClips, listSanctSoundClips } from '../baseline/real-clips.ts';
import { measure, type RealismStats } from './stats.ts';

export const WINDOW_S = 10;
export type Group = 'vessel' | 'non-vessel';

export interface Measured {
  source: 'real' | 'sim';
  group: Group;
  name: string;
  stats: RealismStats;
}

/** The real recordings measured, with their group (unlabelled Orcasound live segments count as ambient). */
export function realRecordings(sharedAudio: string): { path: string; name: string; group: Group }[] {
  const out: { path: string; name: string; group: Group }[] = [];
  for (const c of listSanctSoundClips(join(sharedAudio, 'sanctsound'))) out.push({ path: c.path, name: c.file, group: c.label === 'E' ? 'non-vessel' : 'vessel' });
  for (const c of listDeepShipClips(join(sharedAudio, 'deepship'))) out.push({ path: c.path, name: c.file, group: 'vessel' });
  for (const f of ['orcasound-ambient/live000.wav', 'orcasound-ambient/live001.wav', 'orcasound-orca-noise/NATURE11_09_02_21_20_2701.flac']) {
    if (existsSync(join(sharedAudio, f))) out.push({ path: join(sharedAudio, f), name: f.split('/')[1], group: 'non-vessel' });
  }
  return out;
}

/** Measures the first channel of each 10 s window of a recording (a shorter clip is one window). */
export async function measureRecording(path: string, name: string, group: Group): Promise<Measured[]> {
  const audio = await readAudioAll(path);
  const x = audio.channels[0];
  const rate = audio.info.sampleRate;
  const n = Math.round(WINDOW_S * rate);
  const out: Measured[] = [];
  for (let s = 0, k = 0; s === 0 || s + n <= x.length; s += n, k++) {
    out.push({ source: 'real', group, name: x.length > n ? `${name}#${k}` : name, stats: measure(x.subarray(s, Math.min(x.length, s + n)), rate) });
    if (x.length <= n) break;
  }
  return out;
}

const T0 = Date.UTC(2025, 0, 1);
export const SIM_CLASSES: readonly ShipClassId[] = ['A', 'B', 'C', 'D'];

/** One ship of `classId` at `cpaM`, 10 s centred on its CPA, with the station's ambient of that time. */
export function simShipWindow(seed: number, classId: ShipClassId, cpaM: number): Measured {
  const rng = new Rng(seed);
  const ship: SimShip = placeShip(rng, generateVessel(rng, classId), T0 + seed * 3_600_000 + 600_000, cpaM);
  const station = new DemoStation({ seed, scenario: { seed, startTime: T0, durationMs: 1, sensor: MARS_SENSOR, ships: [ship] } });
  const x = station.render(ship.cpaTime - (WINDOW_S * 500), WINDOW_S * 1000).channels[0];
  return { source: 'sim', group: 'vessel', name: `sim ${classId} seed ${seed} CPA ${cpaM} m`, stats: measure(x, 8000) };
}

/** Ship-free ambient: 10 s at an hour of the station's weather. */
export function simAmbientWindow(seed: number): Measured {
  const station = new DemoStation({ seed, scenario: { seed, startTime: T0, durationMs: 1, sensor: MARS_SENSOR, ships: [] } });
  const x = station.render(T0 + seed * 3_600_000, WINDOW_S * 1000).channels[0];
  return { source: 'sim', group: 'non-vessel', name: `sim ambient seed ${seed}`, stats: measure(x, 8000) };
}

/** The simulated side: `perClass` ships per class (CPA 1–2 km) and `ambient` ship-free windows. */
export function simulatedWindows(perClass: number, ambient: number): Measured[] {
  const out: Measured[] = [];
  for (const [ci, classId] of SIM_CLASSES.entries()) {
    for (let k = 0; k < perClass; k++) out.push(simShipWindow(100 + 10 * ci + k, classId, 1000 + Math.round((1000 * k) / Math.max(1, perClass - 1))));
  }
  for (let k = 0; k < ambient; k++) out.push(simAmbientWindow(200 + k));
  return out;
}

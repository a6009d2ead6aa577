/**
 * The real recordings of the CNN recipes and their split, disjoint by site and by vessel:
 *  - train (fine-tuning): SanctSound Florida Keys clips (FK01, FK02: 1 small boat, 4 non-vessel);
 *  - test: SanctSound Channel Islands clips (CI01, CI05: small boat, large ship, dolphins) — other sanctuary,
 *    other vessels; DeepShip (ONC Strait of Georgia: 2 passenger ships, 2 tankers); Orcasound Lab (San Juan
 *    Island: killer whales, no vessel). DeepShip and Orcasound are read from the shared data folder at run time,
 *    never copied into the repository, and skipped with a message when absent.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { firstDataDir, listDeepShipClips, listSanctSoundClips, type ClipSpec } from '../baseline/real-clips.ts';

const REPO = resolve(import.meta.dirname, '../..');
export const SHARED_AUDIO = '/work/shared/data/audio';
export const REPO_SANCTSOUND = join(REPO, 'resources/demo/sanctsound');
const ORCA_FILE = 'NATURE11_09_02_21_20_2701.flac';

export type RealSplit = 'train' | 'test';

/** A labelled real recording with its site and split. */
export interface RealClip extends ClipSpec {
  /** Recording site, e.g. 'CI01' (SanctSound), 'ONC-SoG' (DeepShip), 'OrcasoundLab'. */
  site: string;
  split: RealSplit;
}

/** SanctSound site from the file name (`SanctSound_CI01_03_…` → 'CI01'). */
export function sanctSoundSite(file: string): string {
  return /^SanctSound_([A-Z]{2}\d{2})_/.exec(file)?.[1] ?? 'unknown';
}

/** Florida Keys clips fine-tune; every other site is held out. */
export function sanctSoundSplit(site: string): RealSplit {
  return site.startsWith('FK') ? 'train' : 'test';
}

export interface RealSets {
  clips: RealClip[];
  /** One line per corpus that was not found (printed, and said in the card). */
  missing: string[];
}

/** Every real clip available on this machine, in a stable order. */
export function realClipSets(sharedAudio = SHARED_AUDIO): RealSets {
  const missing: string[] = [];
  const clips: RealClip[] = [];
  const sanctDir = firstDataDir([REPO_SANCTSOUND, join(sharedAudio, 'sanctsound')]);
  if (sanctDir) {
    for (const c of listSanctSoundClips(sanctDir)) {
      const site = sanctSoundSite(c.file);
      clips.push({ ...c, site, split: sanctSoundSplit(site) });
    }
  } else missing.push('SanctSound clips not found (resources/demo/sanctsound)');
  const deep = listDeepShipClips(join(sharedAudio, 'deepship'));
  if (deep.length) clips.push(...deep.map((c) => ({ ...c, site: 'ONC-SoG', split: 'test' as const })));
  else missing.push(`DeepShip not found in ${join(sharedAudio, 'deepship')}: no passenger/tanker evaluation`);
  const orca = join(sharedAudio, 'orcasound-orca-noise', ORCA_FILE);
  if (existsSync(orca)) {
    clips.push({
      path: orca, file: ORCA_FILE, label: 'E', sourceLabel: 'non-vessel/killer-whales (by inspection)', corpus: 'orcasound',
      site: 'OrcasoundLab', split: 'test',
    });
  } else missing.push(`Orcasound not found in ${join(sharedAudio, 'orcasound-orca-noise')}: one non-vessel test site fewer`);
  return { clips, missing };
}

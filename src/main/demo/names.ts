/**
 * Plausible AIS identities for simulated vessels: names (upper case, ≤ 20 characters as AIS carries
 * them), MMSIs with a realistic flag (MID) and call signs in that flag's ITU prefix series.
 */
import type { Rng } from './prng.ts';

export type NameStyle = 'container' | 'vehicle' | 'bulk' | 'tanker' | 'fishing' | 'tug' | 'gov' | 'pleasure' | 'sail' | 'pilot' | 'ferry' | 'cruise' | 'naval';

const WORDS = ['ARIES', 'AURORA', 'BRAVO', 'CASTOR', 'DELTA', 'ECHO', 'FORTUNE', 'GALAXY', 'HARMONY', 'HORIZON', 'LIBRA', 'MERIDIAN', 'NOVA', 'ORION', 'PIONEER', 'POLARIS', 'SPIRIT', 'TRIDENT', 'VEGA', 'ZENITH'];

const NAME_PARTS: Record<NameStyle, readonly [readonly string[], readonly string[]]> = {
  container: [['MSC', 'MAERSK', 'CMA CGM', 'EVER', 'COSCO', 'ONE', 'HMM', 'APL', 'YM', 'ZIM'], WORDS],
  vehicle: [['HOEGH', 'GLOVIS', 'WALLENIUS', 'K LINE', 'NYK'], WORDS],
  bulk: [['PACIFIC', 'GOLDEN', 'GREAT', 'NORDIC', 'CAPE', 'STAR', 'GENCO'], WORDS],
  tanker: [['OCEAN', 'ATLANTIC', 'ALASKAN', 'CHEMBULK', 'SEAWAYS', 'STI'], WORDS],
  fishing: [['MISS', 'LADY', 'SEA', 'OCEAN', 'PACIFIC', 'NORTHERN', 'CAPT'], ['ANNIE', 'ROSE', 'HUNTER', 'QUEST', 'DAWN', 'MARIE', 'PRIDE', 'JOY']],
  tug: [['FOSS', 'CROWLEY', 'BAY', 'HARBOR', 'SAUSALITO', 'MILLENNIUM'], ['BRAVE', 'TITAN', 'EAGLE', 'RANGER', 'VALOR', 'FALCON']],
  gov: [['R/V', 'USCGC', 'NOAAS', 'R/V'], ['WESTERN FLYER', 'RACHEL CARSON', 'BODEGA', 'REUBEN LASKER', 'POINT SUR', 'FULMAR']],
  pleasure: [['SEA', 'BLUE', 'REEL', 'SALTY', 'LUCKY', 'SWEET'], ['BREEZE', 'HORIZON', 'TIME', 'DOG', 'STAR', 'ESCAPE', 'LADY']],
  sail: [['WIND', 'MOON', 'SEA', 'SILVER', 'NORTH'], ['SONG', 'DANCE', 'SPRITE', 'WING', 'STAR', 'SOLACE']],
  pilot: [['MONTEREY', 'CALIFORNIA', 'SF BAR', 'GOLDEN GATE'], ['PILOT', 'PILOT BOAT']],
  ferry: [['GOLDEN GATE', 'BAY', 'ISLAND', 'PACIFIC', 'HARBOR'], ['FERRY', 'EXPRESS', 'CLIPPER', 'SPIRIT']],
  cruise: [['GRAND', 'ROYAL', 'CORAL', 'CROWN', 'NORWEGIAN', 'STAR'], ['PRINCESS', 'EXPLORER', 'SPLENDOR', 'HARMONY', 'JEWEL', 'SERENADE']],
  naval: [['USS', 'USS', 'USNS'], ['SAMPSON', 'SPRUANCE', 'MOBILE BAY', 'RAINIER', 'KIDD', 'LAKE ERIE', 'ESSEX']],
};

/** A vessel name in the given style. */
export function vesselName(rng: Rng, style: NameStyle): string {
  const [first, second] = NAME_PARTS[style];
  let name = `${rng.pick(first)} ${rng.pick(second)}`;
  if (style === 'pilot') name += ` ${rng.int(1, 9)}`;
  else if ((style === 'pleasure' || style === 'fishing') && rng.chance(0.2)) name += ' II';
  return name.slice(0, 20);
}

/** Flags (Maritime Identification Digits) and their call-sign prefixes. */
const FOREIGN_FLAGS: ReadonlyArray<readonly [number, string]> = [
  [636, 'D5'], [538, 'V7'], [477, 'VR'], [353, '3E'], [351, 'H3'], [563, '9V'],
  [215, '9H'], [248, '9H'], [256, '9H'], [229, '9H'], [311, 'C6'], [209, '5B'], [440, 'D7'],
];
const US_FLAGS: ReadonlyArray<readonly [number, string]> = [[366, 'WD'], [367, 'WD'], [368, 'WD'], [369, 'W'], [338, 'WD']];

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

function letters(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => LETTERS[rng.int(0, LETTERS.length - 1)]).join('');
}

/** An MMSI and call sign: US-flagged for local traffic, a flag of convenience for deep-sea ships. */
export function vesselRegistration(rng: Rng, style: NameStyle): { mmsi: number; callsign: string } {
  const deepSea = style === 'container' || style === 'vehicle' || style === 'bulk' || style === 'tanker' || (style === 'cruise' && rng.chance(0.8));
  if (style === 'naval') return { mmsi: 369_970_000 + rng.int(0, 9999), callsign: `N${letters(rng, 3)}` };
  const [mid, prefix] = rng.pick(deepSea ? FOREIGN_FLAGS : US_FLAGS);
  const mmsi = mid * 1_000_000 + rng.int(0, 999_999);
  const callsign = deepSea ? `${prefix}${letters(rng, 2)}${rng.int(1, 9)}` : `${prefix}${letters(rng, 1)}${rng.int(1000, 9999)}`;
  return { mmsi, callsign };
}

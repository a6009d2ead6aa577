/**
 * Human-readable names for coded AIS fields (ITU-R M.1371-5 tables), for UIs and logs.
 */

const NAVIGATION_STATUS = [
  'Under way using engine',
  'At anchor',
  'Not under command',
  'Restricted manoeuvrability',
  'Constrained by her draught',
  'Moored',
  'Aground',
  'Engaged in fishing',
  'Under way sailing',
  'Reserved for HSC',
  'Reserved for WIG',
  'Power-driven vessel towing astern',
  'Power-driven vessel pushing ahead or towing alongside',
  'Reserved',
  'AIS-SART active',
  'Not defined',
] as const;

const EPFD = [
  'Undefined',
  'GPS',
  'GLONASS',
  'Combined GPS/GLONASS',
  'Loran-C',
  'Chayka',
  'Integrated navigation system',
  'Surveyed',
  'Galileo',
] as const;

/** Name of a navigation status code (0–15). */
export function navigationStatusText(status: number): string {
  return NAVIGATION_STATUS[status] ?? 'Not defined';
}

/** Name of an electronic position fixing device code (`epfd`). */
export function epfdText(epfd: number): string {
  return EPFD[epfd] ?? (epfd === 15 ? 'Internal GNSS' : 'Reserved');
}

/** Broad category of a ship and cargo type code (first digit of `shiptype`), or null. */
export function shipTypeCategory(shiptype: number | null): string | null {
  if (shiptype === null || shiptype < 20 || shiptype > 99) return null;
  const tens = Math.floor(shiptype / 10);
  if (tens === 3) return SPECIAL_3X[shiptype - 30];
  if (tens === 5) return SPECIAL_5X[shiptype - 50];
  return CATEGORY_BY_TENS[tens];
}

const CATEGORY_BY_TENS: Record<number, string> = {
  2: 'Wing in ground',
  4: 'High speed craft',
  6: 'Passenger',
  7: 'Cargo',
  8: 'Tanker',
  9: 'Other',
};

const SPECIAL_3X = [
  'Fishing', 'Towing', 'Towing (large)', 'Dredging or underwater operations', 'Diving operations',
  'Military operations', 'Sailing', 'Pleasure craft', 'Reserved', 'Reserved',
];

const SPECIAL_5X = [
  'Pilot vessel', 'Search and rescue vessel', 'Tug', 'Port tender', 'Anti-pollution equipment',
  'Law enforcement', 'Local vessel', 'Local vessel', 'Medical transport', 'Noncombatant ship (RR Resolution 18)',
];

/**
 * The AIS ship-and-cargo type codes 0–99 (ITU-R M.1371-5, table 53) with their standard meanings.
 * Every code is a designation of the class mapping; its key is the decimal code ("70").
 */

const HAZARD = ['all ships of this type', 'hazardous category A', 'hazardous category B', 'hazardous category C', 'hazardous category D'];

/** Meaning of a second digit in the x0–x9 families (WIG, HSC, passenger, cargo, tanker, other). */
function familyMeaning(family: string, digit: number): string {
  if (digit <= 4) return `${family}, ${HAZARD[digit]}`;
  if (digit === 9) return `${family}, no additional information`;
  return `${family}, reserved for future use`;
}

const SPECIAL_3X = [
  'Fishing', 'Towing', 'Towing, length > 200 m or breadth > 25 m', 'Dredging or underwater operations', 'Diving operations',
  'Military operations', 'Sailing', 'Pleasure craft', 'Reserved', 'Reserved',
];

const SPECIAL_5X = [
  'Pilot vessel', 'Search and rescue vessel', 'Tug', 'Port tender', 'Anti-pollution equipment', 'Law enforcement',
  'Spare, local vessel', 'Spare, local vessel', 'Medical transport', 'Noncombatant ship (RR Resolution No. 18)',
];

const FAMILIES: Record<number, string> = {
  2: 'Wing in ground (WIG)', 4: 'High speed craft (HSC)', 6: 'Passenger', 7: 'Cargo', 8: 'Tanker', 9: 'Other type',
};

/** The standard meaning of an AIS ship-type code (0–99); codes outside are "Not a standard code". */
export function aisCodeMeaning(code: number): string {
  if (!Number.isInteger(code) || code < 0 || code > 99) return 'Not a standard ship-type code';
  if (code === 0) return 'Not available (default)';
  if (code < 20) return 'Reserved for future use';
  const tens = Math.floor(code / 10);
  const digit = code % 10;
  if (tens === 3) return SPECIAL_3X[digit];
  if (tens === 5) return SPECIAL_5X[digit];
  return familyMeaning(FAMILIES[tens], digit);
}

/** Whether a designation key is an AIS code ("0" … "99", no sign or leading zeros). */
export function isCodeDesignation(designation: string): boolean {
  return /^(0|[1-9]\d?)$/.test(designation);
}

/** The meaning shown for any designation: the code's standard meaning, the text itself, or "no static data". */
export function designationMeaning(designation: string): string {
  if (designation === '') return 'No static data received';
  return isCodeDesignation(designation) ? aisCodeMeaning(Number(designation)) : designation;
}

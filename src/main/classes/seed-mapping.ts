/**
 * Mapping version 1, inserted by migration 0006. FROZEN: the migration depends on it, so never edit
 * it — the analyst changes the mapping through new versions (Classes page, `classes:assign`).
 *
 * Codes (ITU-R M.1371) follow reference/ship-noise.md §5.2 and the demo's ground truth: 30–33 fishing,
 * towing, dredging → A; 34 diving, 36 sailing, 37 pleasure, 50 pilot → B; 35 military → D; 40–49 HSC
 * (fast ferries), 58 medical transport, 60–69 passenger → C; 51–55 SAR, tug, tender, anti-pollution,
 * law enforcement → A; 59 non-combatant, 70–79 cargo, 80–89 tanker → D. The codes that §5.2 resolves
 * only by length (56–57 local vessels, 90–99 other) and the codes with no vessel meaning (0–29 incl.
 * WIG, 38–39) are Unknown: a segment with such a vessel in range is ambiguous until the analyst decides.
 *
 * Text designations are the seed's 63 (seed-spec §4.6), spelled as the seed spelled them (its
 * misspellings match scraped text) — note "Military ops" is A there while code 35 is D here.
 */
import type { MappedClass } from '../../shared/labels.ts';

function codeClass(code: number): MappedClass {
  if (code >= 30 && code <= 33) return 'A';
  if (code === 34 || code === 36 || code === 37 || code === 50) return 'B';
  if (code === 35 || code === 59) return 'D';
  if ((code >= 40 && code <= 49) || code === 58 || (code >= 60 && code <= 69)) return 'C';
  if (code >= 51 && code <= 55) return 'A';
  if (code >= 70 && code <= 89) return 'D';
  return 'Unknown';
}

const SEED_TEXT: Record<Exclude<MappedClass, 'Unknown'>, readonly string[]> = {
  A: [
    'Landings Craft', 'Military ops', 'Fishing vessel', 'Fishing Vessel', 'Fishing Support Vessel', 'Tug', 'Pusher Tug',
    'Dredging or UW ops', 'Towing vessel', 'Crew Boat', 'Buoy/Lighthouse Vessel', 'Salvage Ship', 'Research Vessel',
    'Anti-polution', 'Offshore Tug/Supply Ship', 'Law enforcment', 'Landing Craft', 'SAR', 'Patrol Vessel',
    'Pollution Control Vessel', 'Offshore Support Vessel',
  ],
  B: ['Pleasure craft', 'Yacht', 'Sailing vessel', 'Pilot', 'Diving ops'],
  C: ['Passenger (Cruise) Ship', 'Passenger Ship', 'Passenger ship', 'Training Ship'],
  D: [
    'Naval/Naval Auxiliary', 'DDG', 'LCS', 'Hospital Vessel', 'Self Discharging Bulk Carrier', 'Cutter',
    'Passenger/Ro-Ro Cargo Ship', 'Heavy Load Carrier', 'Vessel (function unknown)', 'General Cargo Ship',
    'Wood Chips Carrier', 'Bulk Carrier', 'Cement Carrier', 'Vehicles Carrier', 'Cargo ship', 'Oil Products Tanker',
    'Ro-Ro Cargo Ship', 'USNS RAINIER', 'Supply Tender', 'LPG Tanker', 'Crude Oil Tanker', 'Container Ship',
    'Container ship', 'Chemical/Oil Products Tanker', 'Refrigerated Cargo Ship', 'Tanker', 'Car Carrier',
    'Deck Cargo Ship', 'Livestock Carrier', 'Bunkering Tanker', 'Water Tanker', 'FSO',
  ],
  E: ['not ship'],
};

/** Every entry of mapping version 1: the 100 AIS codes, then the seed's text designations. */
export function seedMappingEntries(): { designation: string; kind: 'code' | 'text'; classId: MappedClass }[] {
  const codes = Array.from({ length: 100 }, (_, code) => ({ designation: String(code), kind: 'code' as const, classId: codeClass(code) }));
  const texts = Object.entries(SEED_TEXT).flatMap(([classId, names]) =>
    names.map((designation) => ({ designation, kind: 'text' as const, classId: classId as MappedClass })));
  return [...codes, ...texts];
}

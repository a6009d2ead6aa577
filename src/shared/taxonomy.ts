/**
 * The workstation's ship classes (the seed's five-class taxonomy).
 *
 * Models map their own outputs onto these ids in their manifest; metrics and
 * truth labels speak only in these ids.
 */
export interface ShipClass {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly color: string;
}

export const DEFAULT_CLASSES: readonly ShipClass[] = [
  { id: 'A', name: 'Fishing / tug / towing', description: 'fishing, tugs, towing, workboats, research, law enforcement', color: '#e6194b' },
  { id: 'B', name: 'Pleasure / sail / pilot', description: 'pleasure craft, yachts, sailing vessels, pilot boats, diving', color: '#f58231' },
  { id: 'C', name: 'Passenger', description: 'passenger and cruise ships, ferries, training ships', color: '#3cb44b' },
  { id: 'D', name: 'Cargo / tanker / military', description: 'cargo, container, bulk, tankers, naval vessels', color: '#4363d8' },
  { id: 'E', name: 'No ship', description: 'background: no vessel within range', color: '#9a9a9a' },
] as const;

export const DEFAULT_CLASS_IDS: readonly string[] = DEFAULT_CLASSES.map((c) => c.id);

export function classColor(id: string): string {
  return DEFAULT_CLASSES.find((c) => c.id === id)?.color ?? '#bbbbbb';
}

/**
 * Ship types as the non-NMEA sources give them: an ITU-R M.1371 code (`70`, `"70"`), a code with its
 * category name (SeaVision's `"70-Cargo"`), or a free text designation (`"Bulk Carrier"`, as in
 * MarineCadastre's older files and in registry-enriched feeds). A code stays a code — its name is only
 * the code's standard meaning — while a text becomes the vessel's text designation, which the class
 * mapping resolves (unknown texts are added to the catalogue as Unknown and flagged for the analyst).
 */

/** What a type field says: a code, a text designation, or neither. */
export interface ShipTypeFields {
  shipType?: number;
  designation?: string;
}

const MAX_DESIGNATION = 140;
const CODE_WITH_NAME = /^(\d{1,3})\s*-\s*\S/;

/** The 8-bit AIS field: 0 is "not available"; 100–255 (reserved) are kept and flagged by the catalogue. */
function codeOf(n: number): number | undefined {
  return Number.isInteger(n) && n > 0 && n < 256 ? n : undefined;
}

/** The code or text designation of a ship-type value (0, "0" and "0-AllShips" mean "not available"). */
export function shipTypeFields(value: unknown): ShipTypeFields {
  if (typeof value === 'number') return Number.isFinite(value) ? { shipType: codeOf(value) } : {};
  if (typeof value !== 'string') return {};
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') return {};
  if (/^\d+(\.0+)?$/.test(text)) return { shipType: codeOf(Number(text)) };
  const withName = CODE_WITH_NAME.exec(text);
  if (withName) return { shipType: codeOf(Number(withName[1])) };
  // Numbers of another shape (negative, fractional) are not designations either.
  if (!Number.isNaN(Number(text))) return {};
  return { designation: text.slice(0, MAX_DESIGNATION) };
}

/** A deadweight (tonnes) field, when a source carries one (AIS itself does not). */
export function deadweightOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * CSV (RFC 4180) reading and field quoting, shared by every reader and writer of CSV
 * in the workstation (label tables, exports, training data).
 */

/** Splits CSV text into rows of fields: quoted fields may hold commas, newlines and "" escapes. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    if (field !== '' || row.length) {
      row.push(field);
      rows.push(row);
    }
    row = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += ch;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      endRow();
    } else {
      field += ch;
    }
  }
  endRow();
  return rows;
}

/** CSV text → records keyed by the header row (missing trailing fields become ''). */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...body] = parseCsvRows(text);
  return header ? body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) : [];
}

/** Quotes a value for a CSV field when it needs it; undefined and null become empty fields. */
export function csvField(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

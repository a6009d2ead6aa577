import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvField, parseCsv, parseCsvRows } from './csv.ts';

describe('csv', () => {
  it('reads quoted fields with commas, quotes and newlines, CRLF or LF', () => {
    expect(parseCsv('file,note\r\na.wav,"x, ""y"""\r\nb.wav,"two\nlines"\n')).toEqual([
      { file: 'a.wav', note: 'x, "y"' },
      { file: 'b.wav', note: 'two\nlines' },
    ]);
  });

  it('fills missing trailing fields and ignores blank lines', () => {
    expect(parseCsv('a,b,c\n1\n\n2,3\n')).toEqual([{ a: '1', b: '', c: '' }, { a: '2', b: '3', c: '' }]);
  });

  it('round-trips any table through csvField (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é'), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (table) => {
        const width = table[0]!.length;
        const rows = table.map((r) => r.slice(0, width).concat(Array(Math.max(0, width - r.length)).fill('x')));
        const text = rows.map((r) => r.map(csvField).join(',')).join('\r\n');
        expect(parseCsvRows(text)).toEqual(rows);
      }),
    );
  });
});

/**
 * NumPy `.npy` (format version 1.0) writer for float32 arrays, streaming rows to disk.
 *
 * Layout: the magic "\x93NUMPY", version 1.0, a little-endian uint16 header length, then an ASCII
 * Python dict literal `{'descr': '<f4', 'fortran_order': False, 'shape': (N, …), }` padded with
 * spaces and ended by '\n' so the data starts on a 64-byte boundary (numpy's own alignment, a
 * multiple of the 16 the v1.0 spec asks for); then the C-order little-endian float32 data.
 * The number of rows is unknown until the end, so the header is written with room for up to 16
 * digits and rewritten in place, same length, by `close()`.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../shared/errors.ts';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
const PREAMBLE = MAGIC.length + 2;
const ROW_DIGITS = 16;

function shapeLiteral(dims: readonly number[]): string {
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** The complete v1.0 header for a float32 array of `dims`, padded to `minLength` bytes when given. */
export function npyHeader(dims: readonly number[], minLength = 0): Buffer {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeLiteral(dims)}, }`;
  const unpadded = PREAMBLE + dict.length + 1;
  const total = Math.max(minLength, Math.ceil(unpadded / 64) * 64);
  const text = `${dict}${' '.repeat(total - unpadded)}\n`;
  if (total > PREAMBLE + 0xffff) throw new AppError('INTERNAL', 'npy header too long');
  const head = Buffer.alloc(PREAMBLE);
  MAGIC.copy(head);
  head.writeUInt16LE(text.length, MAGIC.length);
  return Buffer.concat([head, Buffer.from(text, 'latin1')]);
}

/** Appends equally shaped float32 rows to a `.npy` file of shape [rows, ...rowShape]. */
export class NpyWriter {
  readonly rowShape: readonly number[];
  private readonly fh: FileHandle;
  private readonly headerLength: number;
  private readonly rowValues: number;
  private position: number;
  rows = 0;

  private constructor(fh: FileHandle, rowShape: readonly number[], headerLength: number) {
    this.fh = fh;
    this.rowShape = rowShape;
    this.headerLength = headerLength;
    this.rowValues = rowShape.reduce((a, b) => a * b, 1);
    this.position = headerLength;
  }

  /** Creates (truncates) `path` and writes a provisional header. */
  static async create(path: string, rowShape: readonly number[]): Promise<NpyWriter> {
    const fh = await open(path, 'w');
    const header = npyHeader([10 ** (ROW_DIGITS - 1), ...rowShape]);
    await fh.write(header, 0, header.length, 0);
    return new NpyWriter(fh, rowShape, header.length);
  }

  /** Appends one row (its length must match the row shape). */
  async append(row: Float32Array): Promise<void> {
    if (row.length !== this.rowValues) {
      throw new AppError('INTERNAL', `npy row of ${row.length} values, expected ${this.rowValues} ([${this.rowShape.join(', ')}])`);
    }
    const bytes = Buffer.from(row.buffer, row.byteOffset, row.byteLength); // the host is little-endian
    await this.fh.write(bytes, 0, bytes.length, this.position);
    this.position += bytes.length;
    this.rows++;
  }

  /** Rewrites the header with the final row count and closes the file. */
  async close(): Promise<void> {
    try {
      const header = npyHeader([this.rows, ...this.rowShape], this.headerLength);
      await this.fh.write(header, 0, header.length, 0);
    } finally {
      await this.fh.close();
    }
  }
}

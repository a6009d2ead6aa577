/** File names of exports: UTC stamps that sort and survive every file system. */

/** "20250101T120000Z" */
export function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** "20250101T120000Z-20250101T121500Z" for a range. */
export function fileStampOf(from: number, to: number): string {
  return `${utcStamp(from)}-${utcStamp(to)}`;
}

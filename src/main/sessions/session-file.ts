/**
 * The `.aiwsession` layout (docs/session-format.md): a ustar file whose first member `aiwsession`
 * names the format and its version, then the session database, the audio and the tile files, then
 * `manifest.json` (the session, counts, and the size and sha256 of every other member) and
 * `manifest.sha256` (the manifest's own sha256).
 */
import { z } from 'zod';

/** Version of the container layout; a reader refuses newer ones. */
export const SESSION_FORMAT_VERSION = 1;
export const SESSION_EXTENSION = '.aiwsession';
export const MARKER_NAME = 'aiwsession';
export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_HASH_NAME = 'manifest.sha256';
export const DB_MEMBER = 'db/session.sqlite';

/** The marker member's content. */
export function markerText(version = SESSION_FORMAT_VERSION): string {
  return `aiwsession\n${version}\n`;
}

/** The format version a marker names, or undefined when it is not a marker. */
export function parseMarker(text: string): number | undefined {
  const m = /^aiwsession\n(\d+)\n$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Member name of a recording's audio file (its extension kept). */
export function audioMember(recordingId: number, path: string): string {
  const ext = /\.(wav|flac|rf64|w64)$/i.exec(path)?.[0].toLowerCase() ?? '.wav';
  return `audio/${recordingId}${ext}`;
}

/** Member name of a tile file. */
export function tileMember(pyramidId: number, level: number, index: number): string {
  return `tiles/${pyramidId}/L${level}/${index}.tile`;
}

/** Parses a tile member name (undefined for anything else). */
export function parseTileMember(name: string): { pyramidId: number; level: number; index: number } | undefined {
  const m = /^tiles\/(\d+)\/L(\d+)\/(-?\d+)\.tile$/.exec(name);
  return m ? { pyramidId: Number(m[1]), level: Number(m[2]), index: Number(m[3]) } : undefined;
}

const SHA256 = /^[0-9a-f]{64}$/;

export const manifestSchema = z.object({
  format: z.literal('aiwsession'),
  formatVersion: z.number().int().positive(),
  createdAt: z.number(),
  createdBy: z.object({ app: z.string(), version: z.string() }),
  /** PRAGMA user_version of the session database (the workstation's schema version). */
  schemaVersion: z.number().int().positive(),
  session: z.object({
    id: z.string().min(1).max(200),
    name: z.string(),
    kind: z.string(),
    stationId: z.string(),
    stationName: z.string(),
    from: z.number(),
    to: z.number(),
    note: z.string().optional(),
  }),
  counts: z.record(z.string(), z.number().int()),
  models: z.array(z.string()),
  members: z.array(z.object({ name: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(SHA256) })),
});

export type SessionManifest = z.infer<typeof manifestSchema>;

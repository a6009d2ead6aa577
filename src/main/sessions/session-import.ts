/**
 * Imports a `.aiwsession` file. Nothing is written until the whole file has been verified: the
 * container (header checksums, nothing truncated), the format marker and version, the manifest
 * against its own hash, the exact member list and sizes, and the sha256 of every member. Then the
 * members are staged in the data folder (hashed again while copied), the staged database is migrated
 * to this workstation's schema, and session-merge.ts merges it in one transaction.
 */
import { basename, join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import { AppError } from '../../shared/errors.ts';
import { openDatabase, type Db } from '../storage/database.ts';
import { formatZodError } from '../api/router.ts';
import {
  DB_MEMBER, MANIFEST_HASH_NAME, MANIFEST_NAME, manifestSchema, MARKER_NAME, parseMarker, parseTileMember, SESSION_FORMAT_VERSION,
  type SessionManifest,
} from './session-file.ts';
import { mergeSessionDb, type MergeResult } from './session-merge.ts';
import { indexTar, readEntry, readEntryBuffer, type TarEntry } from './tar-archive.ts';
import { createHash } from 'node:crypto';

export interface ImportDeps {
  db: Db;
  root: string;
  audioCache: string;
  tileRoot: string;
  /** This workstation's schema version (the newest migration). */
  schemaVersion: number;
}

export interface ImportOutcome extends MergeResult {
  manifest: SessionManifest;
  members: number;
  bytes: number;
}

interface Verified {
  manifest: SessionManifest;
  entries: Map<string, TarEntry>;
}

const refuse = (file: string, why: string) => new AppError('VERIFY_FAILED', `${basename(file)} was refused: ${why}. Nothing was imported.`);
const isDataMember = (name: string) => name === DB_MEMBER || /^audio\/\d+\.(wav|flac|rf64|w64)$/.test(name) || parseTileMember(name) !== undefined;

async function readManifest(fh: FileHandle, file: string, list: TarEntry[]): Promise<SessionManifest> {
  const [marker, manifestEntry, hashEntry] = [list[0], list.at(-2), list.at(-1)];
  if (marker?.name !== MARKER_NAME) throw refuse(file, 'it is not a session file (no "aiwsession" marker first)');
  const version = parseMarker((await readEntryBuffer(fh, marker)).toString('utf8'));
  if (version === undefined) throw refuse(file, 'the format marker is damaged');
  if (version > SESSION_FORMAT_VERSION) {
    throw new AppError('BAD_REQUEST', `${basename(file)} uses session format ${version}; this workstation reads up to ${SESSION_FORMAT_VERSION}: update it`);
  }
  if (manifestEntry?.name !== MANIFEST_NAME || hashEntry?.name !== MANIFEST_HASH_NAME) throw refuse(file, 'the manifest is missing');
  const text = await readEntryBuffer(fh, manifestEntry);
  const expected = /^([0-9a-f]{64}) {2}manifest\.json\n$/.exec((await readEntryBuffer(fh, hashEntry)).toString('utf8'))?.[1];
  if (expected !== createHash('sha256').update(text).digest('hex')) throw refuse(file, 'the manifest is damaged (its sha256 does not match)');
  let raw: unknown;
  try {
    raw = JSON.parse(text.toString('utf8'));
  } catch {
    throw refuse(file, 'the manifest is not JSON');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw refuse(file, `the manifest is invalid (${formatZodError(parsed.error)})`);
  return parsed.data;
}

/** Checks the member list against the manifest, then every member's sha256. Reads only. */
async function verify(fh: FileHandle, file: string, schemaVersion: number): Promise<Verified> {
  const list = await indexTar(fh, file).catch((err: unknown) => {
    const e = err as AppError;
    throw e.code === 'VERIFY_FAILED' ? new AppError('VERIFY_FAILED', `${e.message}. Nothing was imported.`) : e;
  });
  const manifest = await readManifest(fh, file, list);
  if (manifest.schemaVersion > schemaVersion) {
    throw new AppError('BAD_REQUEST', `${basename(file)} was written by a newer workstation (schema ${manifest.schemaVersion} > ${schemaVersion}): update this one`);
  }
  const data = list.slice(0, -2);
  const names = data.map((e) => e.name);
  if (new Set(names).size !== names.length) throw refuse(file, 'a member appears twice');
  const listed = manifest.members.map((m) => m.name);
  if (names.join('\n') !== listed.join('\n')) throw refuse(file, 'its members do not match the manifest (missing, extra or reordered files)');
  if (!names.includes(DB_MEMBER)) throw refuse(file, 'the session database is missing');
  const unknown = names.find((n) => n !== MARKER_NAME && !isDataMember(n));
  if (unknown) throw refuse(file, `unexpected member "${unknown}"`);
  for (const [i, entry] of data.entries()) {
    const want = manifest.members[i]!;
    if (entry.size !== want.size) throw refuse(file, `${entry.name} is ${entry.size} bytes, the manifest says ${want.size}`);
    if ((await readEntry(fh, entry)) !== want.sha256) throw refuse(file, `${entry.name} is damaged (sha256 mismatch)`);
  }
  return { manifest, entries: new Map(data.map((e) => [e.name, e])) };
}

/** Copies a member to `dest`, hashing it again (the file must not change between verify and copy). */
async function stageMember(fh: FileHandle, entry: TarEntry, dest: string, sha256: string, file: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  const out = createWriteStream(dest);
  const got = await readEntry(fh, entry, (chunk) => {
    if (!out.write(Buffer.from(chunk))) return new Promise<void>((resolve) => out.once('drain', () => resolve()));
  });
  out.end();
  await finished(out);
  if (got !== sha256) throw refuse(file, `${entry.name} changed while it was imported`);
}

/** Verifies `file`, then imports it (see module comment). */
export async function importSessionFile(deps: ImportDeps, file: string, alreadyHere: (id: string) => string | undefined): Promise<ImportOutcome> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    throw new AppError('NOT_FOUND', `cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    const { manifest, entries } = await verify(fh, file, deps.schemaVersion);
    const here = alreadyHere(manifest.session.id);
    if (here) throw new AppError('CONFLICT', `session ${manifest.session.id} is already in this data folder (${here}); nothing was imported`);
    const staging = await mkdtemp(join(deps.root, '.import-'));
    try {
      for (const m of manifest.members) if (m.name !== MARKER_NAME) await stageMember(fh, entries.get(m.name)!, join(staging, m.name), m.sha256, file);
      const stagedDb = join(staging, DB_MEMBER);
      openDatabase(stagedDb).close(); // migrates an older session database to this schema
      const files = manifest.members.map((m) => m.name).filter((n) => n !== MARKER_NAME && n !== DB_MEMBER);
      const merged = mergeSessionDb(deps.db, stagedDb, {
        sessionId: manifest.session.id, importedFrom: basename(file), stagingDir: staging, members: files,
        audioCache: deps.audioCache, tileRoot: deps.tileRoot, now: Date.now(),
      });
      const bytes = manifest.members.reduce((sum, m) => sum + m.size, 0);
      return { ...merged, manifest, members: manifest.members.length, bytes };
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  } finally {
    await fh.close();
  }
}

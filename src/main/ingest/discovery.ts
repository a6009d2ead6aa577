/**
 * Discovery: list a station's remote root recursively and decide which files are ready.
 *
 * Cheap on big archives: a folder whose mtime has not changed since it was listed (and that
 * holds no file still settling) is not listed again; adding or removing a file changes its
 * folder's mtime. Only files whose listing changed are written to the database.
 *
 * A file is taken when its size and mtime were unchanged across two polls, or at once when
 * its mtime is older than the station's grace period. Temporary names (.part, .tmp, dot-files)
 * and names that do not match the include glob are ignored; unsafe names and symlinks leaving
 * the root are reported, never followed.
 */
import type { RemoteStationConfig } from '../../shared/station-config.ts';
import { parseRecordingTime, type TimePattern } from '../audio/recording-time.ts';
import type { RemoteFileRow, SeenFile } from '../storage/ingest-repo.ts';
import { isInsideRemoteRoot, isSafeEntryName, isTemporaryName, remoteJoin } from './remote-path.ts';
import type { RemoteSession } from './remote-session.ts';
import type { RemoteEntry } from './sftp-session.ts';

export interface ListedFile {
  readonly path: string;
  readonly size: number;
  readonly mtime: number;
}

export interface ListingProblem {
  readonly path: string;
  readonly code: 'UNSAFE_PATH' | 'PERMISSION_DENIED' | 'NOT_FOUND' | 'IO_FAILED';
  readonly message: string;
}

export interface WalkResult {
  readonly files: ListedFile[];
  /** Folders listed in this walk, with their mtime and when they were listed. */
  readonly listedDirs: { path: string; mtime: number; listedAt: number }[];
  /** Folders not listed again because nothing in them changed. */
  readonly unchangedDirs: string[];
  readonly problems: ListingProblem[];
  readdirCalls: number;
}

export interface WalkOptions {
  readonly root: string;
  readonly rememberedDirs: ReadonlyMap<string, { mtime: number; listedAt: number }>;
  /** Folders that must be listed even if unchanged (they hold files still settling). */
  readonly unsettledDirs: ReadonlySet<string>;
  readonly concurrency?: number;
}

/** SFTP v3 mtimes have 1 s resolution: a folder listed within the same second may change unseen. */
const MTIME_RESOLUTION_MS = 2000;

export const parentDir = (rel: string): string => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');

/** Lists the remote tree under `root`, skipping unchanged folders (their remembered subfolders are only stat'ed). */
export async function walkRemote(session: RemoteSession, opts: WalkOptions): Promise<WalkResult> {
  const out: WalkResult = { files: [], listedDirs: [], unchangedDirs: [], problems: [], readdirCalls: 0 };
  const children = new Map<string, string[]>();
  for (const d of opts.rememberedDirs.keys()) if (d !== '') children.set(parentDir(d), [...(children.get(parentDir(d)) ?? []), d]);
  const rootEntry = await session.stat(opts.root);
  const queue: Visit[] = [{ rel: '', mtime: rootEntry.mtime }];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await visit(session, opts, next, { queue, out, children });
  };
  // Several folders are visited at once so a slow link's round trips overlap.
  while (queue.length) await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, queue.length) }, worker));
  return out;
}

/** A folder to visit: its mtime is known from its parent's listing, or must be stat'ed first. */
interface Visit {
  readonly rel: string;
  readonly mtime?: number;
}

interface WalkState {
  readonly queue: Visit[];
  readonly out: WalkResult;
  readonly children: ReadonlyMap<string, string[]>;
}

async function visit(session: RemoteSession, opts: WalkOptions, dir: Visit, st: WalkState): Promise<void> {
  let mtime = dir.mtime;
  if (mtime === undefined) {
    try {
      mtime = (await session.stat(remoteJoin(opts.root, dir.rel))).mtime;
    } catch (err) {
      if (!isListingProblem(err)) throw err;
      return; // the folder is gone: it is neither listed nor unchanged, so the caller forgets it
    }
  }
  if (isUnchanged(opts, dir.rel, mtime)) {
    st.out.unchangedDirs.push(dir.rel);
    for (const child of st.children.get(dir.rel) ?? []) st.queue.push({ rel: child });
    return;
  }
  await listOne(session, opts, { rel: dir.rel, mtime }, st);
}

function isListingProblem(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'PERMISSION_DENIED' || code === 'NOT_FOUND';
}

async function listOne(session: RemoteSession, opts: WalkOptions, dir: { rel: string; mtime: number }, st: WalkState): Promise<void> {
  const { out } = st;
  const listedAt = Date.now();
  let entries: RemoteEntry[];
  try {
    out.readdirCalls++;
    entries = await session.readdir(remoteJoin(opts.root, dir.rel));
  } catch (err) {
    if (!isListingProblem(err)) throw err;
    out.problems.push({ path: dir.rel || '/', code: (err as { code: 'PERMISSION_DENIED' }).code, message: (err as Error).message });
    return;
  }
  out.listedDirs.push({ path: dir.rel, mtime: dir.mtime, listedAt });
  for (const e of entries) {
    const rel = dir.rel ? `${dir.rel}/${e.name}` : e.name;
    if (!isSafeEntryName(e.name)) {
      out.problems.push({ path: rel, code: 'UNSAFE_PATH', message: `remote name ${JSON.stringify(e.name)} is not a safe file name; ignored` });
    } else if (e.name.startsWith('.')) {
      continue;
    } else if (e.type === 'dir') {
      st.queue.push({ rel, mtime: e.mtime });
    } else if (e.type === 'file') {
      out.files.push({ path: rel, size: e.size, mtime: e.mtime });
    } else if (e.type === 'link') {
      await checkLink(session, opts.root, rel, out);
    }
  }
}

function isUnchanged(opts: WalkOptions, rel: string, mtime: number): boolean {
  const seen = opts.rememberedDirs.get(rel);
  return !!seen && seen.mtime === mtime && seen.listedAt > mtime + MTIME_RESOLUTION_MS && !hasUnsettledBelow(opts.unsettledDirs, rel);
}

function hasUnsettledBelow(unsettled: ReadonlySet<string>, rel: string): boolean {
  for (const d of unsettled) if (d === rel || d.startsWith(`${rel}/`)) return true;
  return false;
}

/** Symlinks are never followed (no loops, no duplicates); one leaving the root is reported. */
async function checkLink(session: RemoteSession, root: string, rel: string, out: WalkResult): Promise<void> {
  let target: string;
  try {
    target = await session.realpath(remoteJoin(root, rel));
  } catch {
    return; // a dangling link: nothing to take, nothing to report
  }
  if (!isInsideRemoteRoot(root, target)) {
    out.problems.push({ path: rel, code: 'UNSAFE_PATH', message: `symlink ${rel} points outside the remote root (${target}); not followed` });
  }
}

export interface PollPlan {
  readonly added: SeenFile[];
  readonly updated: SeenFile[];
  readonly removed: string[];
  /** Files that became ready in this poll. */
  readonly newlyReady: number;
}

export interface MatchRules {
  readonly include: RegExp;
  readonly timePattern: TimePattern;
  readonly tzOffsetMinutes: number;
  readonly stableAfterMs: number;
}

export function matchRulesOf(config: RemoteStationConfig, include: RegExp): MatchRules {
  return { include, timePattern: config.timePattern, tzOffsetMinutes: config.tzOffsetMinutes, stableAfterMs: config.stableAfterS * 1000 };
}

/** Compares one walk with what was remembered; pure, so the stability rules are testable without a server. */
export function planPoll(walk: Pick<WalkResult, 'files' | 'unchangedDirs' | 'listedDirs' | 'problems'>, remembered: ReadonlyMap<string, RemoteFileRow>, rules: MatchRules, now: number): PollPlan {
  const plan = { added: [] as SeenFile[], updated: [] as SeenFile[], removed: [] as string[], newlyReady: 0 };
  const present = new Set<string>();
  for (const f of walk.files) {
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (isTemporaryName(name) || !rules.include.test(name)) continue;
    present.add(f.path);
    const old = remembered.get(f.path);
    const oldEnough = f.mtime < now - rules.stableAfterMs;
    if (!old || old.state === 'gone') {
      const startTime = parseRecordingTime(name, rules.timePattern, rules.tzOffsetMinutes) ?? null;
      plan.added.push({ ...f, startTime, unchangedPolls: 0, state: oldEnough ? 'ready' : 'seen' });
      if (oldEnough) plan.newlyReady++;
    } else if (old.state === 'seen' || old.state === 'ready') {
      const same = old.size === f.size && old.mtime === f.mtime;
      const state = same || oldEnough ? 'ready' : 'seen';
      if (!same || old.state !== state) {
        plan.updated.push({ ...f, startTime: old.startTime, unchangedPolls: same ? old.unchangedPolls + 1 : 0, state });
        if (state === 'ready' && old.state !== 'ready') plan.newlyReady++;
      }
    }
  }
  // A settling file disappears when its folder was listed without it, or its folder is gone altogether.
  const listed = new Set(walk.listedDirs.map((d) => d.path));
  const visited = new Set([...listed, ...walk.unchangedDirs, ...walk.problems.map((p) => (p.path === '/' ? '' : p.path))]);
  for (const [path, row] of remembered) {
    if (row.state !== 'seen' && row.state !== 'ready') continue;
    const dir = parentDir(path);
    if ((listed.has(dir) && !present.has(path)) || !visited.has(dir)) plan.removed.push(path);
  }
  return plan;
}

/** Folders holding files that are not settled yet (they must be listed on the next poll). */
export function unsettledDirsOf(remembered: ReadonlyMap<string, RemoteFileRow>): Set<string> {
  const out = new Set<string>();
  for (const [path, row] of remembered) if (row.state === 'seen' || row.state === 'ready') out.add(parentDir(path));
  return out;
}

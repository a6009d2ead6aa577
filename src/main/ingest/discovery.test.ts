import { describe, expect, it } from 'vitest';
import type { RemoteFileRow } from '../storage/ingest-repo.ts';
import { planPoll, unsettledDirsOf, walkRemote, type MatchRules } from './discovery.ts';
import { compileNameGlob } from './name-glob.ts';
import type { RemoteEntry, SftpSession } from './sftp-session.ts';

const NOW = Date.UTC(2024, 0, 2);
const RULES: MatchRules = { include: compileNameGlob('*.wav'), timePattern: 'iso-basic', tzOffsetMinutes: 0, stableAfterMs: 600_000 };
const row = (path: string, p: Partial<RemoteFileRow> = {}): RemoteFileRow => ({
  id: 1, path, size: 100, mtime: NOW - 1000, startTime: null, firstSeen: NOW - 5000, unchangedPolls: 0, state: 'seen',
  attempts: 0, error: null, localPath: null, recordingId: null, ...p,
});
const walk = (files: { path: string; size: number; mtime: number }[], listed = [''], unchanged: string[] = []) => ({
  files, listedDirs: listed.map((path) => ({ path, mtime: 0, listedAt: 0 })), unchangedDirs: unchanged, problems: [],
});

describe('planPoll', () => {
  it('remembers new files as settling, takes them after one unchanged poll', () => {
    const f = { path: 'rec_20240101T000000Z.wav', size: 100, mtime: NOW - 1000 };
    const first = planPoll(walk([f]), new Map(), RULES, NOW);
    expect(first.added).toEqual([{ ...f, startTime: Date.UTC(2024, 0, 1), unchangedPolls: 0, state: 'seen' }]);
    const second = planPoll(walk([f]), new Map([[f.path, row(f.path)]]), RULES, NOW);
    expect(second.updated).toEqual([expect.objectContaining({ state: 'ready', unchangedPolls: 1 })]);
    expect(second.newlyReady).toBe(1);
  });

  it('keeps a growing file settling, and sends a ready file back when it changes', () => {
    const grown = { path: 'a.wav', size: 200, mtime: NOW - 500 };
    expect(planPoll(walk([grown]), new Map([['a.wav', row('a.wav')]]), RULES, NOW).updated).toEqual([
      expect.objectContaining({ state: 'seen', size: 200, unchangedPolls: 0 }),
    ]);
    expect(planPoll(walk([grown]), new Map([['a.wav', row('a.wav', { state: 'ready' })]]), RULES, NOW).updated).toEqual([
      expect.objectContaining({ state: 'seen' }),
    ]);
  });

  it('takes a file older than the grace period on first sight', () => {
    const old = { path: 'old.wav', size: 1, mtime: NOW - 3_600_000 };
    expect(planPoll(walk([old]), new Map(), RULES, NOW).added[0]).toMatchObject({ state: 'ready' });
  });

  it('ignores temporary names and names outside the pattern; leaves downloaded files alone', () => {
    const files = ['.a.wav', 'b.wav.part', 'c.tmp', 'd.txt', 'e.wav'].map((path) => ({ path, size: 1, mtime: NOW }));
    const plan = planPoll(walk(files), new Map([['e.wav', row('e.wav', { state: 'done', size: 5 })]]), RULES, NOW);
    expect(plan).toMatchObject({ added: [], updated: [], removed: [] });
  });

  it('forgets settling files that vanished, only where their folder was listed', () => {
    const remembered = new Map([
      ['x/a.wav', row('x/a.wav')], ['y/b.wav', row('y/b.wav', { state: 'ready' })], ['z/c.wav', row('z/c.wav')],
      ['x/done.wav', row('x/done.wav', { state: 'done' })],
    ]);
    // x listed without a.wav; y unchanged (not listed); z no longer exists at all.
    const plan = planPoll(walk([], ['', 'x'], ['y']), remembered, RULES, NOW);
    expect(plan.removed.sort()).toEqual(['x/a.wav', 'z/c.wav']);
  });

  it('takes a file again that reappears after it was gone', () => {
    const f = { path: 'a.wav', size: 1, mtime: NOW - 10 };
    expect(planPoll(walk([f]), new Map([['a.wav', row('a.wav', { state: 'gone' })]]), RULES, NOW).added).toHaveLength(1);
  });

  it('names the folders that still hold settling files', () => {
    const m = new Map([['a/b/c.wav', row('a/b/c.wav')], ['d.wav', row('d.wav', { state: 'ready' })], ['e/f.wav', row('e/f.wav', { state: 'done' })]]);
    expect([...unsettledDirsOf(m)].sort()).toEqual(['', 'a/b']);
  });
});

/** A fake remote tree: folder → entries; counts requests like a slow link would charge them. */
function fakeSession(tree: Record<string, RemoteEntry[]>, links: Record<string, string> = {}) {
  const calls = { readdir: 0, stat: 0 };
  const session = {
    stat: async (p: string) => {
      calls.stat++;
      const parent = p.slice(0, p.lastIndexOf('/')) || '/';
      const entry = tree[parent]?.find((e) => `${parent === '/' ? '' : parent}/${e.name}` === p);
      if (p === '/r') return { name: 'r', type: 'dir', size: 0, mtime: 1000 };
      if (!entry) throw Object.assign(new Error('no such file'), { code: 'NOT_FOUND' });
      return entry;
    },
    readdir: async (p: string) => {
      calls.readdir++;
      return tree[p] ?? [];
    },
    realpath: async (p: string) => links[p] ?? p,
  } as unknown as SftpSession;
  return { session, calls };
}
const file = (name: string): RemoteEntry => ({ name, type: 'file', size: 10, mtime: 1000 });
const dir = (name: string, mtime = 1000): RemoteEntry => ({ name, type: 'dir', size: 0, mtime });

describe('walkRemote', () => {
  it('reports hostile names and escaping links, never lists them as files', async () => {
    const { session } = fakeSession({
      '/r': [file('ok.wav'), file('../x.wav'), file('..'), file('a\\..\\b.wav'), { name: 'ln', type: 'link', size: 0, mtime: 0 }, dir('.hidden')],
    }, { '/r/ln': '/etc' });
    const out = await walkRemote(session, { root: '/r', rememberedDirs: new Map(), unsettledDirs: new Set() });
    expect(out.files.map((f) => f.path)).toEqual(['ok.wav']);
    expect(out.problems.map((p) => [p.path, p.code])).toEqual([
      ['../x.wav', 'UNSAFE_PATH'], ['..', 'UNSAFE_PATH'], ['a\\..\\b.wav', 'UNSAFE_PATH'], ['ln', 'UNSAFE_PATH'],
    ]);
  });

  it('does not list unchanged folders again: 10 000 files cost one stat per folder on the next poll', async () => {
    const tree: Record<string, RemoteEntry[]> = { '/r': [] };
    for (let d = 0; d < 50; d++) {
      tree['/r'].push(dir(`d${d}`));
      tree[`/r/d${d}`] = Array.from({ length: 200 }, (_, i) => file(`rec_${i}.wav`));
    }
    const { session, calls } = fakeSession(tree);
    const first = await walkRemote(session, { root: '/r', rememberedDirs: new Map(), unsettledDirs: new Set() });
    expect(first.files).toHaveLength(10_000);
    expect(first.readdirCalls).toBe(51);
    const remembered = new Map(first.listedDirs.map((d) => [d.path, { mtime: d.mtime, listedAt: d.mtime + 5000 }]));
    calls.readdir = 0;
    calls.stat = 0;
    const second = await walkRemote(session, { root: '/r', rememberedDirs: remembered, unsettledDirs: new Set(['d7']) });
    // Only the folder with a settling file is listed; the others are only stat'ed (their mtime is unchanged).
    expect(second.readdirCalls).toBe(1);
    expect(second.files).toHaveLength(200);
    expect(second.unchangedDirs).toHaveLength(50);
    expect(calls.stat).toBe(51); // the root and its 50 remembered folders
  });

  it('lists a folder again when its mtime changed or it was listed within its mtime second', async () => {
    const { session } = fakeSession({ '/r': [dir('a', 2000), dir('b', 1000)], '/r/a': [file('new.wav')], '/r/b': [file('old.wav')] });
    const remembered = new Map([['', { mtime: 999, listedAt: 9000 }], ['a', { mtime: 1000, listedAt: 9000 }], ['b', { mtime: 1000, listedAt: 1500 }]]);
    const out = await walkRemote(session, { root: '/r', rememberedDirs: remembered, unsettledDirs: new Set() });
    expect(out.listedDirs.map((d) => d.path).sort()).toEqual(['', 'a', 'b']);
  });
});

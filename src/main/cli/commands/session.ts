/**
 * `aiw session list|create|pin|unpin|export|import`: sessions of the data folder from the command
 * line (docs/session-format.md). Export writes one `.aiwsession` file; import verifies every member's
 * sha256 before anything is written, and refuses a damaged file with exit code 1.
 */
import { toAppError } from '../../../shared/errors.ts';
import type { Session, SessionImportResult } from '../../../shared/sessions.ts';
import { createContainer, type AppContainer } from '../../app/container.ts';
import { parseCommand, printHelp, UsageError } from '../args.ts';

const USAGE = `usage: aiw session <subcommand> [options]
  list [--station S] [--json]                      sessions: live runs, chosen spans, imported ones
  create --station S --from T --to T [--name N] [--pin]   keep a time range as a session (times ISO 8601 or epoch ms)
  pin <id> | unpin <id>                            keep (or stop keeping) a session's data from cache clean-up
  export <id> [--out FILE]                         write one .aiwsession file (default: exports/<id>.aiwsession)
  import <file>                                    verify and import a .aiwsession file (it arrives pinned)
options: --data-dir DIR, --json (machine-readable output)`;

const OPTIONS = {
  json: { type: 'boolean' }, station: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, name: { type: 'string' },
  pin: { type: 'boolean' }, out: { type: 'string' },
} as const;

type Args = ReturnType<typeof parseCommand<typeof OPTIONS>>;
type Sub = (c: AppContainer, args: Args) => Promise<number>;

const SUBCOMMANDS: Record<string, Sub> = {
  list: listSub,
  create: createSub,
  pin: (c, a) => pinSub(c, a, true),
  unpin: (c, a) => pinSub(c, a, false),
  export: exportSub,
  import: importSub,
};

export async function sessionCommand(argv: string[]): Promise<number> {
  const args = parseCommand(argv, OPTIONS, USAGE);
  if (args.values.help) return printHelp(USAGE);
  const [sub] = args.positionals;
  const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
  if (!run) throw new UsageError(`unknown subcommand "${sub ?? ''}"\n\n${USAGE}`);
  const container = await createContainer({ dataDir: args.dataDir, mode: 'cli', live: false });
  try {
    // Bundled models first: an import must not claim their ids (it would record them as retired).
    await container.deployBundledModels();
    return await run(container, args);
  } finally {
    await container.stop();
  }
}

function operand(args: Args, what: string): string {
  const value = args.positionals[1];
  if (value === undefined) throw new UsageError(`missing ${what}\n\n${USAGE}`);
  return value;
}

function timeOf(value: string | undefined, name: string): number {
  if (value === undefined) throw new UsageError(`missing --${name}\n\n${USAGE}`);
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(t)) throw new UsageError(`--${name}: not a time: "${value}"`);
  return t;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

function print(args: Args, value: unknown, text: string): void {
  process.stdout.write(args.values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

/** One tab-separated row per session. */
export function sessionRow(s: Session): string {
  const c = s.counts;
  return [s.id, s.kind, s.pinned ? 'pinned' : '', s.stationId, iso(s.from), iso(s.to), mb(s.bytes.audio + s.bytes.tiles), c.segments, c.predictions,
    c.labels, c.verifications, c.aisPositions, s.models.join(' '), s.name].join('\t');
}

async function listSub(c: AppContainer, args: Args): Promise<number> {
  const sessions = c.sessions.list(args.values.station);
  const head = 'id\tkind\tpinned\tstation\tfrom\tto\tsize_mb\tsegments\tpredictions\tlabels\tverified\tais\tmodels\tname';
  print(args, sessions, [head, ...sessions.map(sessionRow)].join('\n'));
  return 0;
}

async function createSub(c: AppContainer, args: Args): Promise<number> {
  const { station, name, pin } = args.values;
  if (!station) throw new UsageError(`missing --station\n\n${USAGE}`);
  const from = timeOf(args.values.from, 'from');
  const to = timeOf(args.values.to, 'to');
  if (to <= from) throw new UsageError('--to must be after --from');
  const s = c.sessions.create({ stationId: station, from, to, pinned: pin ?? false, ...(name ? { name } : {}) });
  print(args, s, s.id);
  return 0;
}

async function pinSub(c: AppContainer, args: Args, pinned: boolean): Promise<number> {
  const s = c.sessions.update(operand(args, 'session id'), { pinned });
  print(args, s, `${s.id}: ${pinned ? 'pinned' : 'unpinned'}`);
  return 0;
}

async function exportSub(c: AppContainer, args: Args): Promise<number> {
  const r = await c.sessions.export(operand(args, 'session id'), args.values.out);
  print(args, r, `${r.path}\t${mb(r.bytes)} MB\t${r.members} members\tsha256 ${r.sha256}\t${(r.elapsedMs / 1000).toFixed(1)} s`);
  return 0;
}

async function importSub(c: AppContainer, args: Args): Promise<number> {
  let r: SessionImportResult;
  try {
    r = await c.sessions.import(operand(args, '.aiwsession file'));
  } catch (err) {
    const e = toAppError(err);
    if (e.code !== 'VERIFY_FAILED' && e.code !== 'CONFLICT' && e.code !== 'NOT_FOUND') throw e;
    process.stderr.write(`aiw session import: ${e.message} [${e.code}]\n`);
    return 1; // the input was refused, not the program
  }
  const renamed = r.renamedFrom ? ` (station id "${r.renamedFrom}" was taken here)` : '';
  print(args, r, `imported ${r.session.id} as station ${r.stationId}${renamed}: ${r.members} members, ${mb(r.bytes)} MB verified, ` +
    `${r.session.counts.segments} segments, ${r.session.counts.predictions} predictions, ${r.session.counts.aisPositions} AIS positions`);
  return 0;
}

/**
 * `aiw models …`: the model registry of the data folder from the command line. Every action is
 * recorded in the audit trail with the analyst (--analyst, else settings, else config).
 * A running app on the same data folder picks the changes up within a second.
 */
import type { ModelInfo } from '../../../shared/domain.ts';
import { toAppError } from '../../../shared/errors.ts';
import type { DeployResult, ModelEvent } from '../../../shared/models.ts';
import { createContainer, type AppContainer } from '../../app/container.ts';
import { numberOption, parseCommand, printHelp, UsageError } from '../args.ts';
import { backfillSubcommand } from './models-backfill.ts';

const USAGE = `usage: aiw models <subcommand> [options]
  list [--json]                              the deployed models and their status
  deploy <dir|zip> [--inactive] [--timeout S] validate and deploy a package (active unless --inactive)
  activate <id> [--version V] [--only]       run a version live (default: the newest); --only stops its other versions
  deactivate <id> [--version V]              stop a version (default: every active version of the id)
  retire <id> --version V                    stop a version for good
  history [id] [--version V] [--limit N] [--json]   the audit timeline, newest first
  backfill <id> [--version V] --from T --to T [--station S]   re-run a model over cached audio (times ISO 8601)
options: --data-dir DIR, --analyst NAME (recorded with the action)`;

const OPTIONS = {
  json: { type: 'boolean' },
  version: { type: 'string' },
  only: { type: 'boolean' },
  inactive: { type: 'boolean' },
  timeout: { type: 'string' },
  limit: { type: 'string' },
  analyst: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  station: { type: 'string' },
} as const;

export type ModelsArgs = ReturnType<typeof parseCommand<typeof OPTIONS>>;
type Sub = (c: AppContainer, args: ModelsArgs) => Promise<number>;

const SUBCOMMANDS: Record<string, Sub> = {
  list: listSub,
  deploy: deploySub,
  activate: (c, a) => setActiveSub(c, a, true),
  deactivate: (c, a) => setActiveSub(c, a, false),
  retire: retireSub,
  history: historySub,
  backfill: backfillSubcommand,
};

export async function modelsCommand(argv: string[]): Promise<number> {
  const args = parseCommand(argv, OPTIONS, USAGE);
  if (args.values.help) return printHelp(USAGE);
  const [sub] = args.positionals;
  const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
  if (!run) throw new UsageError(`unknown subcommand "${sub ?? ''}"\n\n${USAGE}`);
  const timeout = args.values.timeout === undefined ? undefined : numberOption(args.values.timeout, 'timeout', 10) * 1000;
  const container = await createContainer({
    dataDir: args.dataDir, mode: 'cli', live: false,
    ...(args.values.analyst ? { analyst: args.values.analyst } : {}),
    ...(timeout === undefined ? {} : { validation: { runTimeoutMs: timeout } }),
  });
  try {
    await container.deployBundledModels();
    return await run(container, args);
  } finally {
    await container.stop();
  }
}

/** The positional argument after the subcommand, or a usage error naming it. */
export function operand(args: ModelsArgs, what: string): string {
  const value = args.positionals[1];
  if (value === undefined) throw new UsageError(`missing ${what}\n\n${USAGE}`);
  return value;
}

async function listSub(c: AppContainer, args: ModelsArgs): Promise<number> {
  const models = c.registry.info();
  if (args.values.json) process.stdout.write(`${JSON.stringify(models, null, 2)}\n`);
  else {
    process.stdout.write('id\tversion\tstatus\ttask\tchannels\trate\tsegment_s\tuncertainty\tdeployed_by\tname\n');
    for (const m of models) {
      process.stdout.write(
        `${m.id}\t${m.version}\t${m.status}\t${m.task}\t${m.channels}\t${m.sampleRate}\t${m.segmentSeconds}\t` +
          `${m.uncertainty}\t${m.deployedBy ?? ''}\t${m.name}${m.failure ? `\t(${m.failure})` : ''}\n`,
      );
    }
  }
  return 0;
}

async function deploySub(c: AppContainer, args: ModelsArgs): Promise<number> {
  const path = operand(args, 'package folder or zip');
  let result: DeployResult;
  try {
    result = await c.registry.deploy({ kind: 'path', path }, { activate: !args.values.inactive });
  } catch (err) {
    const e = toAppError(err);
    process.stderr.write(`aiw models deploy: refused: ${e.message} [${e.code}]\n`);
    return 1;
  }
  const { model, report } = result;
  if (args.values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    process.stdout.write(
      `deployed ${model.id} ${model.version} (${model.status}) by ${model.deployedBy ?? '?'}\n` +
        `  load ${report.loadMs.toFixed(0)} ms, silence ${report.silenceMs.toFixed(1)} ms, ` +
        `reference segment ${report.referenceMs.toFixed(1)} ms (${report.passes} pass${report.passes > 1 ? 'es' : ''})\n` +
        `  reference clip ${report.referenceClip}: ${report.referenceClass} ` +
        `[${report.referenceProbs.map((p) => p.toFixed(3)).join(', ')}]\n`,
    );
  }
  return model.status === 'failed' ? 1 : 0;
}

async function setActiveSub(c: AppContainer, args: ModelsArgs, active: boolean): Promise<number> {
  const id = operand(args, 'model id');
  const versions = active || args.values.version !== undefined
    ? [c.registry.resolveVersion(id, args.values.version)]
    : c.registry.info().filter((m) => m.id === id && (m.status === 'active' || m.status === 'failed')).map((m) => m.version);
  if (!versions.length) {
    process.stderr.write(`aiw models deactivate: no active version of "${id}"\n`);
    return 0;
  }
  for (const version of versions) printModel(await c.registry.setActive(id, version, active, args.values.only ?? false));
  return versions.some((v) => c.registry.info().find((m) => m.id === id && m.version === v)?.status === 'failed') ? 1 : 0;
}

async function retireSub(c: AppContainer, args: ModelsArgs): Promise<number> {
  const id = operand(args, 'model id');
  if (args.values.version === undefined) throw new UsageError('retire needs --version V (retiring cannot be undone)');
  printModel(await c.registry.retire(id, c.registry.resolveVersion(id, args.values.version)));
  return 0;
}

async function historySub(c: AppContainer, args: ModelsArgs): Promise<number> {
  const id = args.positionals[1];
  const limit = Math.round(numberOption(args.values.limit, 'limit', 200));
  const events = c.registry.history({ ...(id ? { id } : {}), ...(args.values.version ? { version: args.values.version } : {}), limit });
  if (args.values.json) process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
  else for (const e of events) process.stdout.write(formatEvent(e));
  return 0;
}

function printModel(m: ModelInfo): void {
  process.stdout.write(`${m.id} ${m.version}: ${m.status}${m.failure ? ` (${m.failure})` : ''}\n`);
}

/** 2025-01-01T12:00:00.000Z  activated    tiny-logreg 1.0.0  by j.smith  — detail */
export function formatEvent(e: ModelEvent): string {
  const detail = e.detail ? `  — ${e.detail}` : '';
  return `${new Date(e.at).toISOString()}  ${e.action.padEnd(14)} ${e.modelId} ${e.modelVersion}  by ${e.actor}${detail}\n`;
}

/**
 * Argument parsing for `aiw` commands: strict (unknown flags are errors with a
 * hint), with the shared `--data-dir` option and the AIW_DATA_DIR fallback.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../shared/errors.ts';
import { defaultDataDir } from '../app/paths.ts';

export class UsageError extends AppError {
  constructor(message: string) {
    super('BAD_REQUEST', message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export function parseCommand<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    const parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
    const values = parsed.values as Record<string, unknown>;
    return { ...parsed, dataDir: (values['data-dir'] as string | undefined) ?? defaultDataDir() };
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${usage}`);
  }
}

/** Prints a command's usage for --help; returns the exit code 0. */
export function printHelp(usage: string): number {
  process.stdout.write(`${usage}\n`);
  return 0;
}

/** Parses a positive number option, with the option's name in the error. */
export function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, got "${value}"`);
  return n;
}

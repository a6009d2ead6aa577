/**
 * Command-line and environment options of the desktop app.
 *
 * Electron and Chromium append their own switches to argv, so unknown options
 * are ignored rather than rejected; only ours are validated.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors.ts';

export interface LaunchOptions {
  /** Data folder from `--data-dir` or AIW_DATA_DIR (absolute); undefined means Electron's userData. */
  readonly dataDir?: string;
  /** Demo-station time multiplier from `--demo-speed`. */
  readonly demoSpeed?: number;
  /** Config file from `--config`. */
  readonly configFile?: string;
}

/** Reads our options from `argv` (the whole process.argv is fine) and `env`. */
export function parseLaunchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): LaunchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'demo-speed': { type: 'string' },
      config: { type: 'string' },
    },
  });
  const dataDir = stringOption(values['data-dir'], '--data-dir') ?? nonEmpty(env.AIW_DATA_DIR);
  const configFile = stringOption(values.config, '--config');
  const demoSpeed = stringOption(values['demo-speed'], '--demo-speed');
  return {
    ...(dataDir !== undefined && { dataDir: resolve(dataDir) }),
    ...(configFile !== undefined && { configFile: resolve(configFile) }),
    ...(demoSpeed !== undefined && { demoSpeed: parseSpeed(demoSpeed) }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

// With strict: false a value-less `--data-dir` arrives as `true`; that is a mistake worth reporting.
function stringOption(value: string | boolean | (string | boolean)[] | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new AppError('CONFIG_INVALID', `${name} needs a value`);
  return value;
}

function parseSpeed(text: string): number {
  const speed = Number(text);
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new AppError('CONFIG_INVALID', `--demo-speed must be a positive number, got "${text}"`);
  }
  return speed;
}

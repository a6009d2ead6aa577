/**
 * A small structured logger: JSON lines to a rotating file in the data folder,
 * warnings and errors also to stderr (so CLI users and `serve` see them).
 *
 * Services receive a logger instead of using console, so tests can capture output
 * and every line carries the scope that wrote it.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export interface LogSink {
  write(level: LogLevel, scope: string, msg: string, data?: Record<string, unknown>): void;
}

const MAX_LOG_BYTES = 10 * 1024 * 1024;
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Writes JSON lines to `file` (rotated once at 10 MB) and echoes at or above `echoLevel` to stderr. */
export function fileSink(file: string | undefined, echoLevel: LogLevel = 'warn'): LogSink {
  if (file) mkdirSync(dirname(file), { recursive: true });
  let written = 0;
  return {
    write(level, scope, msg, data) {
      if (RANK[level] >= RANK[echoLevel]) process.stderr.write(`[${level}] ${scope}: ${msg}\n`);
      if (!file) return;
      const line = JSON.stringify({ t: new Date().toISOString(), level, scope, msg, ...data }) + '\n';
      written += line.length;
      if (written > MAX_LOG_BYTES) written = rotate(file);
      try {
        appendFileSync(file, line);
      } catch {
        // A full disk must not take the app down with it; stderr still has warnings.
      }
    },
  };
}

function rotate(file: string): number {
  try {
    if (statSync(file).size > MAX_LOG_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // nothing to rotate
  }
  return 0;
}

export function createLogger(sink: LogSink, scope = 'aiw'): Logger {
  const log = (level: LogLevel) => (msg: string, data?: Record<string, unknown>) => sink.write(level, scope, msg, data);
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (sub) => createLogger(sink, `${scope}/${sub}`),
  };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = createLogger({ write: () => undefined });

/**
 * Error codes shared by every layer.
 *
 * A code names the kind of failure so the UI, the CLI and the logs can react to it
 * without matching on message text. Add codes here; never invent them inline.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
  'UNAUTHORIZED',
  'AUDIO_UNREADABLE',
  'AUDIO_UNSUPPORTED',
  'AUDIO_TRUNCATED',
  'MODEL_INVALID',
  'MODEL_FAILED',
  'MODEL_TIMEOUT',
  'DB_CORRUPT',
  'DB_FAILED',
  'CONFIG_INVALID',
  'PORT_IN_USE',
  'IO_FAILED',
  'CANCELLED',
  // SFTP stations (issue 5)
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_CHANGED',
  'AUTH_FAILED',
  'PERMISSION_DENIED',
  'CONNECTION_FAILED',
  'TIMEOUT',
  'SECRET_INSECURE',
  'VERIFY_FAILED',
  'UNSAFE_PATH',
  'DISK_LOW',
  /** A worker thread crashed or hung; it is restarted with backoff. */
  'WORKER_CRASHED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error with a stable code; the only kind services should throw. */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

/** Converts anything thrown into an AppError, keeping its code when it has one. */
export function toAppError(err: unknown, fallback: ErrorCode = 'INTERNAL'): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AppError(fallback, message, { cause: err });
}

/** Exhaustiveness guard for switch statements over unions. */
export function assertNever(value: never): never {
  throw new AppError('INTERNAL', `unexpected value: ${JSON.stringify(value)}`);
}

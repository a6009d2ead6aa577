/**
 * Result values returned by every API handler.
 *
 * Handlers never throw across a transport: failures travel as `{ ok: false, error }`
 * so the renderer can show the code and message without parsing stack traces.
 */
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors.ts';

export interface AppErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: AppErrorInfo };

export const appErrorInfoSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
});

/** Builds the zod schema of a `Result<T>` from the schema of T. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorInfoSchema }),
  ]);
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

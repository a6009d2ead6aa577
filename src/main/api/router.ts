/**
 * The API router: the single place where requests from any transport enter main.
 *
 * It checks the channel exists, validates the payload with the channel's zod schema,
 * runs the one handler for that channel and wraps the outcome in a Result: a handler
 * that throws becomes `{ ok: false, error: { code, message } }`, never a raw throw.
 */
import { z } from 'zod';
import {
  invokeContract,
  isInvokeChannel,
  type InvokeChannel,
  type InvokeResponse,
  type ParsedRequest,
} from '../../shared/contract.ts';
import { toAppError } from '../../shared/errors.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import type { EventBus, EventListener } from '../app/event-bus.ts';
import type { Logger } from '../app/logger.ts';

/** Exactly one handler per invoke channel: the mapped type makes a missing one a compile error. */
export type Handlers = {
  [C in InvokeChannel]: (request: ParsedRequest<C>) => Promise<InvokeResponse<C>> | InvokeResponse<C>;
};

export interface ApiRouter {
  handle(channel: string, payload: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  readonly channels: readonly string[];
}

export function formatZodError(err: z.ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

export function createRouter(handlers: Handlers, bus: EventBus, logger: Logger): ApiRouter {
  const run = async <C extends InvokeChannel>(channel: C, payload: unknown): Promise<Result<unknown>> => {
    const parsed = invokeContract[channel].request.safeParse(payload ?? {});
    if (!parsed.success) return fail('BAD_REQUEST', `${channel}: ${formatZodError(parsed.error)}`);
    try {
      const handler = handlers[channel] as (r: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (err) {
      const appErr = toAppError(err);
      logger.warn(`${channel} failed`, { code: appErr.code, message: appErr.message });
      return fail(appErr.code, appErr.message);
    }
  };
  return {
    channels: Object.keys(handlers),
    handle: (channel, payload) =>
      isInvokeChannel(channel) ? run(channel, payload) : Promise.resolve(fail('UNKNOWN_CHANNEL', `no such channel: ${channel}`)),
    onEvent: (listener) => bus.subscribe(listener),
  };
}

/**
 * The trust and shape checks every IPC request passes before the router sees it.
 *
 * Free of `electron` imports so it is unit-tested; ipc-transport.ts feeds it the
 * sender frame of each `ipcMain.handle` call.
 */
import { toAppError } from '../../shared/errors.ts';
import { fail, type Result } from '../../shared/result.ts';
import type { ApiRouter } from '../api/router.ts';
import { isTrustedSender, type SenderFrame } from './security.ts';

/** Rejects untrusted senders and malformed channel names, then forwards to the router. */
export async function dispatchInvoke(
  router: Pick<ApiRouter, 'handle'>,
  sender: SenderFrame | null,
  channel: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  if (!isTrustedSender(sender)) return fail('UNAUTHORIZED', 'IPC sender is not the application renderer');
  if (typeof channel !== 'string') return fail('BAD_REQUEST', 'channel must be a string');
  try {
    return await router.handle(channel, payload);
  } catch (err) {
    // The router promises never to throw; if it does anyway, the renderer still gets a Result.
    const appErr = toAppError(err);
    return fail(appErr.code, appErr.message);
  }
}

/**
 * Invoke helpers that turn failures into toasts, so views only handle the success path.
 */
import type { Api } from '../../shared/api.ts';
import type { InvokeChannel, InvokeRequest, InvokeResponse } from '../../shared/contract.ts';
import { notifyError } from './notices-store.ts';

/** Invokes `channel`; on failure shows an error toast titled `what` and returns undefined. */
export async function invokeOrNotify<C extends InvokeChannel>(
  api: Api,
  channel: C,
  request: InvokeRequest<C>,
  what: string,
): Promise<InvokeResponse<C> | undefined> {
  const result = await api.invoke(channel, request);
  if (result.ok) return result.value;
  notifyError(what, result.error);
  return undefined;
}

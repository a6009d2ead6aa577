/**
 * The `api` object the renderer uses, built over any transport.
 *
 * The preload builds it over Electron IPC, the headless client over a WebSocket;
 * the renderer never knows which one it has.
 */
import type { Result } from './result.ts';
import type { EventChannel, EventPayload, InvokeChannel, InvokeRequest, InvokeResponse } from './contract.ts';

/** What a transport must provide: untyped invoke and subscribe. */
export interface Transport {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export interface Api {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<Result<InvokeResponse<C>>>;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApi(transport: Transport): Api {
  return {
    invoke: (channel, request) => transport.invoke(channel, request) as Promise<Result<never>>,
    on: (event, listener) => transport.subscribe(event, listener as (payload: unknown) => void),
  };
}

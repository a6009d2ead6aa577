/**
 * Mirrors the transport's connection status into React.
 */
import { create } from 'zustand';
import type { ConnectionSource, ConnectionStatus } from '../lib/connection.ts';
import type { TransportKind } from '../lib/transport.ts';

interface ConnectionState {
  readonly status: ConnectionStatus;
  readonly kind: TransportKind | undefined;
}

export const useConnectionStore = create<ConnectionState>()(() => ({
  status: { state: 'connecting', epoch: 0, attempt: 0 },
  kind: undefined,
}));

/** Starts mirroring `source`; returns the function that stops. */
export function bindConnection(source: ConnectionSource, kind: TransportKind): () => void {
  useConnectionStore.setState({ status: source.getStatus(), kind });
  return source.onStatus((status) => useConnectionStore.setState({ status }));
}

/** Increments each time the connection (re)opens; effects that load data depend on it. */
export function useConnectionEpoch(): number {
  return useConnectionStore((s) => s.status.epoch);
}

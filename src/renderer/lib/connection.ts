/**
 * Connection status of the transport, for the banner and for re-fetching after reconnects.
 *
 * Only the WebSocket transport can drop; Electron IPC and the mock report "open" forever.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** Counts successful opens; a change means events may have been missed, so views re-fetch. */
  readonly epoch: number;
  /** Failed attempts since the last successful open. */
  readonly attempt: number;
  /** When the next attempt starts (epoch ms), while reconnecting. */
  readonly retryAt?: number;
  /** Why the last connection ended, in words for the banner. */
  readonly lastError?: string;
}

export interface ConnectionSource {
  getStatus(): ConnectionStatus;
  /** Calls `listener` on every change; returns the function that unsubscribes. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** The source for transports that cannot disconnect. */
export const ALWAYS_OPEN: ConnectionSource = {
  getStatus: () => ({ state: 'open', epoch: 1, attempt: 0 }),
  onStatus: () => () => {},
};

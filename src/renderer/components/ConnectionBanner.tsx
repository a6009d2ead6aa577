/**
 * A banner while the WebSocket is down, with the countdown to the next attempt.
 */
import { useEffect, useState } from 'react';
import { useConnectionStore } from '../state/connection-store.ts';

/** Re-renders every `ms` while `active`, for countdowns. */
function useTicker(active: boolean, ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return now;
}

export function ConnectionBanner() {
  const status = useConnectionStore((s) => s.status);
  const reconnecting = status.state === 'reconnecting';
  const now = useTicker(reconnecting || status.state === 'connecting', 500);
  if (status.state === 'open') return null;
  if (status.state === 'connecting') {
    return <div className="banner banner-info" role="status" data-testid="connection-banner">Connecting to the workstation…</div>;
  }
  if (status.state === 'closed') {
    return <div className="banner banner-error" role="alert" data-testid="connection-banner">Disconnected.</div>;
  }
  const seconds = Math.max(0, Math.ceil(((status.retryAt ?? now) - now) / 1000));
  // A browser cannot see why a WebSocket handshake failed; if it never worked, say what to check.
  const hint = status.epoch === 0 && status.attempt >= 3 ? 'is the server running, and is the token in the address current?' : undefined;
  return (
    <div className="banner banner-warning" role="alert" data-testid="connection-banner">
      <strong>Disconnected — reconnecting</strong>
      <span>{seconds > 0 ? `next attempt in ${seconds} s` : 'trying now…'}</span>
      <span className="muted">attempt {status.attempt}{status.lastError ? ` · ${status.lastError}` : ''}</span>
      {hint && <span>{hint}</span>}
    </div>
  );
}

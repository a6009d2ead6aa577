/**
 * SSH host key pinning: the SHA256 fingerprint (as `ssh-keygen -l -E sha256` prints it,
 * base64 without padding) and the decision whether a presented key may be used.
 */
import { createHash } from 'node:crypto';

/** SHA256 fingerprint of a host key blob (SSH wire format), base64 without "=" padding. */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/** The key type named at the start of the blob (e.g. "ssh-ed25519"). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  return len > 0 && len < 64 && keyBlob.length >= 4 + len ? keyBlob.toString('latin1', 4, 4 + len) : 'unknown';
}

export interface HostKeyFacts {
  readonly presented: string;
  /** Fingerprint pinned in the station configuration. */
  readonly configured?: string;
  /** Fingerprint the analyst (or trust-on-first-use) pinned earlier, from the database. */
  readonly trusted?: string;
  readonly trustOnFirstUse: boolean;
}

export type HostKeyDecision =
  | { readonly accept: true; readonly pin: boolean }
  | { readonly accept: false; readonly code: 'HOST_KEY_UNKNOWN' | 'HOST_KEY_CHANGED'; readonly message: string };

/**
 * A configured pin wins over a remembered one; an unknown key is refused unless trust on
 * first use is on (then it is pinned); any mismatch is refused, never silently re-pinned.
 */
export function decideHostKey(f: HostKeyFacts): HostKeyDecision {
  const expected = f.configured ?? f.trusted;
  if (expected === f.presented) return { accept: true, pin: f.trusted !== f.presented };
  if (expected !== undefined) {
    return {
      accept: false, code: 'HOST_KEY_CHANGED',
      message: `HOST KEY CHANGED: the server presents SHA256:${f.presented} but SHA256:${expected} is pinned. ` +
        'Someone may be intercepting the connection, or the station was reinstalled. Refusing to connect; ' +
        'verify the new fingerprint with the station operator before trusting it.',
    };
  }
  if (f.trustOnFirstUse) return { accept: true, pin: true };
  return {
    accept: false, code: 'HOST_KEY_UNKNOWN',
    message: `unknown host key SHA256:${f.presented}: verify it with the station operator and trust it ` +
      '(Stations page, or "hostKeyFingerprint" in the config)',
  };
}

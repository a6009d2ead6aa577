import { describe, expect, it } from 'vitest';
import { decideHostKey, keyTypeOf, sha256Fingerprint } from './host-key.ts';

// A real ed25519 public key and what `ssh-keygen -l -E sha256` prints for it.
const PUB = 'AAAAC3NzaC1lZDI1NTE5AAAAIMrMtjcOz9dX6wZ/5FukGg8AVqwQgKfk5kl4Rycbo/rn';
const FP = 'WHsrVs5LzHefrgadrjsuFDT0exQBagV4uYWJ95go2As';
const OTHER = 'A'.repeat(43);

describe('host key fingerprints', () => {
  it('match OpenSSH (SHA256, base64 without padding) and name the key type', () => {
    const blob = Buffer.from(PUB, 'base64');
    expect(sha256Fingerprint(blob)).toBe(FP);
    expect(keyTypeOf(blob)).toBe('ssh-ed25519');
    expect(keyTypeOf(Buffer.from([0, 0]))).toBe('unknown');
  });
});

describe('decideHostKey', () => {
  it('accepts the pinned key and pins a configured key on first use', () => {
    expect(decideHostKey({ presented: FP, trusted: FP, trustOnFirstUse: false })).toEqual({ accept: true, pin: false });
    expect(decideHostKey({ presented: FP, configured: FP, trustOnFirstUse: false })).toEqual({ accept: true, pin: true });
  });

  it('refuses an unknown key unless trust on first use is on', () => {
    expect(decideHostKey({ presented: FP, trustOnFirstUse: false })).toMatchObject({ accept: false, code: 'HOST_KEY_UNKNOWN' });
    expect(decideHostKey({ presented: FP, trustOnFirstUse: true })).toEqual({ accept: true, pin: true });
  });

  it('refuses a changed key even with trust on first use, naming both fingerprints', () => {
    const d = decideHostKey({ presented: OTHER, trusted: FP, trustOnFirstUse: true });
    expect(d).toMatchObject({ accept: false, code: 'HOST_KEY_CHANGED' });
    expect(!d.accept && d.message).toMatch(new RegExp(`SHA256:${OTHER}.*SHA256:${FP}`));
  });

  it('lets the configured pin win over a remembered one', () => {
    expect(decideHostKey({ presented: FP, configured: OTHER, trusted: FP, trustOnFirstUse: false })).toMatchObject({ code: 'HOST_KEY_CHANGED' });
    expect(decideHostKey({ presented: OTHER, configured: OTHER, trusted: FP, trustOnFirstUse: false })).toEqual({ accept: true, pin: true });
  });
});

/**
 * Base64 → bytes for spectrogram payloads.
 *
 * Uses the native `Uint8Array.fromBase64` where the engine has it (Chromium ≥ 140),
 * otherwise a tight `atob` loop; both return a fresh buffer the caller may transfer.
 */
type FromBase64 = (text: string) => Uint8Array;

const nativeFromBase64: FromBase64 | undefined = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;

/** Decodes standard base64 (with or without padding) to a new Uint8Array. */
export function base64ToBytes(text: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(text);
  return base64ToBytesWithAtob(text);
}

/** The portable path, exported so tests cover it even where the native one exists. */
export function base64ToBytesWithAtob(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Encodes bytes as standard base64 (used by the mock transport). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000; // keeps String.fromCharCode's argument list well under engine limits
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

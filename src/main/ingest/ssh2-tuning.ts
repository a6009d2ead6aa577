/**
 * Throughput tuning of ssh2's internals for downloads (measured: docs/stations.md, "Transfer speed").
 *
 * ssh2 without its native binding (not built here) spends most of a loopback transfer's CPU on
 * per-packet overheads rather than on AES itself. Each tuning below keeps ssh2's own checks and
 * wire behaviour, is applied only when the internals it relies on are present, and otherwise
 * leaves the library untouched.
 */
import { createSecretKey } from 'node:crypto';
import { Socket } from 'node:net';

/** ssh2's AES-GCM decipher when it runs on Node's crypto (no native binding). */
const NODE_GCM_DECIPHER = 'AESGCMDecipherNative';
/** One read from the kernel fills at most this much (the socket's reused buffer). */
const READ_BUFFER_BYTES = 256 * 1024;

type DecipherProto = { decrypt: (...args: unknown[]) => unknown; [REUSED_KEY]?: true };
const REUSED_KEY = Symbol('aiw.reusedDecipherKey');

/** The object ssh2's Client keeps its protocol state on. */
export type Ssh2Internals = { _protocol?: { _decipher?: object } };

/**
 * Without its native binding, ssh2 decrypts AES-GCM with a fresh `createDecipheriv` per SSH packet,
 * passing the raw key bytes; Node then re-imports the key every time (~30 µs, measured ~25 % of a
 * loopback transfer's CPU). Handing it a KeyObject imported once per key (~4 µs per packet) keeps the
 * same cipher and the same checks. Patched on the decipher's class (rekeys make new instances).
 */
export function reuseDecipherKeys(client: Ssh2Internals | undefined): void {
  const decipher = client?._protocol?._decipher;
  if (!decipher || !('_decipherKey' in decipher)) return;
  const proto = Object.getPrototypeOf(decipher) as DecipherProto;
  if (proto[REUSED_KEY] || typeof proto.decrypt !== 'function') return;
  const decrypt = proto.decrypt;
  proto.decrypt = function (this: { _decipherKey: unknown }, ...args: unknown[]) {
    if (Buffer.isBuffer(this._decipherKey)) this._decipherKey = createSecretKey(this._decipherKey);
    return decrypt.apply(this, args);
  };
  proto[REUSED_KEY] = true;
}

/**
 * A TCP connection for ssh2 (its `sock` option) that reads into one reused buffer instead of a
 * fresh 64 KiB buffer per read pushed through a readable stream: measured ~30 % less CPU per MB
 * (fewer allocations, far fewer garbage collections). ssh2 still gets every read as a 'data' event.
 *
 * A reused buffer is only safe while the decipher copies out everything it keeps: Node's AES-GCM
 * decipher does (plaintext and tag land in buffers of their own). Before that, during the
 * unencrypted key exchange (whose packets ssh2 keeps for the exchange hash) and under any other
 * cipher, each read is handed over as a copy.
 */
export function connectWithReusedReadBuffer(host: string, port: number, client: () => Ssh2Internals | undefined): Socket {
  const sock: Socket = new Socket({
    onread: {
      buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
      callback: (n: number, buf: Uint8Array) => {
        const view = Buffer.from(buf.buffer, buf.byteOffset, n);
        sock.emit('data', decipherCopiesOut(client()) ? view : Buffer.from(view));
        return true;
      },
    },
  });
  return sock.connect({ host, port });
}

function decipherCopiesOut(client: Ssh2Internals | undefined): boolean {
  return client?._protocol?._decipher?.constructor.name === NODE_GCM_DECIPHER;
}

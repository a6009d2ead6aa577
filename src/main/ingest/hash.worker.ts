/**
 * SHA-256 of downloads on a thread of its own (see hash-thread.ts): the SFTP worker decrypts the
 * next chunks while this thread hashes the ones already written, so a transfer costs the slower
 * of the two rather than their sum.
 */
import { createHash, type Hash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { FromHashWorker, ToHashWorker } from './hash-thread.ts';

const port = parentPort!;
const hashes = new Map<number, Hash>();
/** Shared slots of the downloading thread, by number: chunks arrive as a slot, an offset and a length. */
const slots = new Map<number, Uint8Array>();

function hashOf(id: number): Hash {
  let h = hashes.get(id);
  if (!h) hashes.set(id, (h = createHash('sha256')));
  return h;
}

port.on('message', (msg: ToHashWorker) => {
  if (msg.type === 'slot') {
    slots.set(msg.slot, new Uint8Array(msg.memory));
  } else if (msg.type === 'update') {
    hashOf(msg.id).update(msg.data);
    port.postMessage({ type: 'hashed', id: msg.id, bytes: msg.data.byteLength } satisfies FromHashWorker);
  } else if (msg.type === 'update-slot') {
    hashOf(msg.id).update(slots.get(msg.slot)!.subarray(msg.offset, msg.offset + msg.length));
    // Hashed: the slot is free again for the next chunk.
    port.postMessage({ type: 'hashed', id: msg.id, bytes: msg.length, slot: msg.slot } satisfies FromHashWorker);
  } else {
    const hex = (hashes.get(msg.id) ?? createHash('sha256')).digest('hex');
    hashes.delete(msg.id);
    port.postMessage({ type: 'digest', id: msg.id, hex } satisfies FromHashWorker);
  }
});

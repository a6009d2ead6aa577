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

port.on('message', (msg: ToHashWorker) => {
  if (msg.type === 'update') {
    let h = hashes.get(msg.id);
    if (!h) hashes.set(msg.id, (h = createHash('sha256')));
    h.update(msg.data);
    port.postMessage({ type: 'hashed', id: msg.id, bytes: msg.data.byteLength } satisfies FromHashWorker);
  } else {
    const hex = (hashes.get(msg.id) ?? createHash('sha256')).digest('hex');
    hashes.delete(msg.id);
    port.postMessage({ type: 'digest', id: msg.id, hex } satisfies FromHashWorker);
  }
});

/**
 * A station's SFTP worker thread: owns the SSH connection, so packet decryption, the SFTP read
 * pipeline, staging-file writes and SHA-256 hashing run off the main thread. The main thread
 * (WorkerSftpSession) decides on the host key, verifies, moves and records files; this thread
 * only talks to the station. One connection per worker: when the connection ends, so does the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toAppError } from '../../shared/errors.ts';
import { HashThread } from './hash-thread.ts';
import type { HostKeyDecision } from './host-key.ts';
import type { ResolvedAuth } from './secret-source.ts';
import { SftpSession } from './sftp-session.ts';
import type { FromSftpWorker, SftpCall, SftpWorkerData, ToSftpWorker, WireError } from './sftp-worker-protocol.ts';
import { RemoteFileChanged } from './transfer.ts';

const data = workerData as SftpWorkerData;
const port = parentPort!;
const aborts = new Map<number, AbortController>();
let decideHostKey: (d: HostKeyDecision) => void = () => undefined;
let session: SftpSession | undefined;

const post = (msg: FromSftpWorker, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

function toWire(err: unknown): WireError {
  const e = toAppError(err, 'CONNECTION_FAILED');
  return { code: e.code, message: e.message, remoteChanged: err instanceof RemoteFileChanged || undefined };
}

/** Download progress is posted at most this often: every message wakes the main thread (and a chunk is ~256 KiB). */
const PROGRESS_EVERY_MS = 100;

/** Sums a download's progress and posts it in batches; `flush` posts what is left (before the result). */
function progressOf(id: number): { add: (n: number) => void; flush: () => void } {
  let unreported = 0;
  let lastPost = performance.now();
  const flush = () => {
    if (unreported > 0) post({ type: 'bytes', id, n: unreported });
    unreported = 0;
    lastPost = performance.now();
  };
  return {
    add: (n) => {
      unreported += n;
      if (performance.now() - lastPost >= PROGRESS_EVERY_MS) flush();
    },
    flush,
  };
}

function run(s: SftpSession, id: number, call: SftpCall): Promise<unknown> {
  switch (call.op) {
    case 'readdir': return s.readdir(call.path);
    case 'stat': return s.stat(call.path);
    case 'realpath': return s.realpath(call.path);
    case 'readHead': return s.readHead(call.path, call.size);
    case 'download': {
      const abort = new AbortController();
      aborts.set(id, abort);
      const { remotePath, stagingPath, expected } = call;
      const progress = progressOf(id);
      return s.download({ remotePath, stagingPath, expected, signal: abort.signal, onBytes: progress.add })
        .finally(() => {
          progress.flush();
          aborts.delete(id);
        });
    }
  }
}

function onCall(id: number, call: SftpCall): void {
  if (!session) return post({ type: 'failure', id, error: { code: 'CONNECTION_FAILED', message: 'not connected' } });
  run(session, id, call).then(
    (value) => post({ type: 'result', id, value }),
    (err: unknown) => post({ type: 'failure', id, error: toWire(err) }),
  );
}

port.on('message', (msg: ToSftpWorker) => {
  switch (msg.type) {
    case 'call': return onCall(msg.id, msg.call);
    case 'abort': return aborts.get(msg.id)?.abort();
    case 'host-key-decision': return decideHostKey(msg.decision);
    case 'end': return void (session?.end() ?? Promise.resolve()).then(() => process.exit(0));
    case 'crash': return void setImmediate(() => {
      throw new Error(msg.reason);
    });
    // Blocks this thread until it is terminated: nothing it owns (connection, reads, writes) moves any more.
    case 'hang': return void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
});

/** Buffers arrive as plain Uint8Arrays across threads; ssh2 wants a Buffer key. */
function authOf(auth: ResolvedAuth): ResolvedAuth {
  if (!('privateKey' in auth)) return auth;
  const k = auth.privateKey as Uint8Array;
  return { ...auth, privateKey: Buffer.from(k.buffer, k.byteOffset, k.byteLength) };
}

try {
  session = await SftpSession.open({
    ...data,
    auth: authOf(data.auth),
    // SHA-256 on its own thread, overlapping with decryption (measured: docs/stations.md).
    hashThread: new HashThread(),
    checkHostKey: (fingerprint, keyType) => new Promise<HostKeyDecision>((resolve) => {
      decideHostKey = resolve;
      post({ type: 'host-key', fingerprint, keyType });
    }),
  });
  session.onClose(() => post({ type: 'closed' }));
  post({ type: 'open', cipher: session.cipher });
} catch (err) {
  post({ type: 'open-failed', error: toWire(err) });
}

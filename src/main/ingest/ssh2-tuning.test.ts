import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { connectWithReusedReadBuffer, type Ssh2Internals } from './ssh2-tuning.ts';

/** ssh2's AES-GCM decipher on Node's crypto, as far as the tuning can tell (its class name). */
class AESGCMDecipherNative {}
class GenericDecipherNative {}

describe('connectWithReusedReadBuffer', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** Sends `parts` one by one (each after the previous arrived) and collects what the client socket emits. */
  async function receive(parts: Buffer[], client: Ssh2Internals): Promise<Buffer[]> {
    let peer: Socket | undefined;
    server = createServer((s) => (peer = s));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const sock = connectWithReusedReadBuffer('127.0.0.1', port, () => client);
    const got: Buffer[] = [];
    sock.on('data', (d: Buffer) => got.push(d));
    await new Promise((resolve) => sock.once('connect', resolve));
    while (!peer) await new Promise((r) => setTimeout(r, 5));
    for (const part of parts) {
      const before = got.length;
      peer.write(part);
      while (got.length === before) await new Promise((r) => setTimeout(r, 5));
    }
    sock.destroy();
    peer.destroy();
    return got;
  }

  const parts = [Buffer.from('first read'), Buffer.from('second')];

  it('hands reads over as copies while the decipher is not AES-GCM (they may be kept)', async () => {
    const got = await receive(parts, { _protocol: { _decipher: new GenericDecipherNative() } });
    expect(got.map(String)).toEqual(['first read', 'second']); // the first one was not overwritten by the second
  });

  it('hands reads over as views of one reused buffer under the AES-GCM decipher', async () => {
    const got = await receive(parts, { _protocol: { _decipher: new AESGCMDecipherNative() } });
    expect(got[0]!.buffer).toBe(got[1]!.buffer);
    expect(String(got[1])).toBe('second');
  });
});

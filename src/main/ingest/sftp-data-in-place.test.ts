import { describe, expect, it } from 'vitest';
import { receiveReadDataInPlace } from './sftp-data-in-place.ts';

const DATA = 103;
const STATUS = 101;

function packet(type: number, id: number, body: Buffer): Buffer {
  const head = Buffer.alloc(9);
  head.writeUInt32BE(5 + body.length, 0);
  head[4] = type;
  head.writeUInt32BE(id, 5);
  return Buffer.concat([head, body]);
}

function dataReply(id: number, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return packet(DATA, id, Buffer.concat([len, data]));
}

/** A stand-in for ssh2's SFTP object: its parser records what it is given, its table holds pending reads. */
function fakeSftp() {
  const parsed: Buffer[] = [];
  const delivered: { id: number; nb: number; data: Buffer }[] = [];
  const sftp = {
    _requests: {} as Record<number, { buffer: Buffer; cb: (err: undefined, buf: Buffer, nb: number) => void }>,
    push(data: Buffer | null) {
      if (data) parsed.push(Buffer.from(data));
    },
  };
  const read = (id: number, size: number) => {
    const buffer = Buffer.alloc(size);
    sftp._requests[id] = { buffer, cb: (_err, buf, nb) => delivered.push({ id, nb, data: Buffer.from(buf.subarray(0, nb)) }) };
  };
  return { sftp, parsed, delivered, read };
}

/** Feeds `stream` in pieces cut at the given sizes (cycled). */
function feed(push: (b: Buffer) => unknown, stream: Buffer, cuts: number[]): void {
  for (let p = 0, i = 0; p < stream.length; i++) {
    const n = cuts[i % cuts.length]!;
    push(stream.subarray(p, p + n));
    p += n;
  }
}

describe('receiveReadDataInPlace', () => {
  const payloadA = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
  const payloadB = Buffer.from('the second chunk');
  const status = packet(STATUS, 9, Buffer.from([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]));
  const version = Buffer.from([0, 0, 0, 5, 2, 0, 0, 0, 3]); // a packet shorter than a DATA header
  const unknownData = dataReply(77, Buffer.from('nobody asked'));
  const stream = Buffer.concat([version, dataReply(1, payloadA), status, unknownData, dataReply(2, payloadB), dataReply(3, Buffer.alloc(0))]);

  for (const cuts of [[stream.length], [1], [7, 3, 1000], [13], [4, 1]]) {
    it(`puts DATA replies into their reads' buffers and passes everything else on unchanged (pieces ${cuts.join(',')})`, () => {
      const f = fakeSftp();
      f.read(1, 4096);
      f.read(2, payloadB.length);
      f.read(3, 10);
      expect(receiveReadDataInPlace(f.sftp)).toBe(true);
      feed((b) => f.sftp.push(b), stream, cuts);
      expect(f.delivered.map((d) => [d.id, d.nb])).toEqual([[1, payloadA.length], [2, payloadB.length], [3, 0]]);
      expect(f.delivered[0]!.data.equals(payloadA)).toBe(true);
      expect(f.delivered[1]!.data.equals(payloadB)).toBe(true);
      expect(Buffer.concat(f.parsed).equals(Buffer.concat([version, status, unknownData]))).toBe(true);
      expect(Object.keys(f.sftp._requests)).toEqual([]);
    });
  }

  it('leaves a reply larger than its read buffer to ssh2 (which reports it as malformed)', () => {
    const f = fakeSftp();
    f.read(1, 10);
    receiveReadDataInPlace(f.sftp);
    const reply = dataReply(1, Buffer.alloc(11, 1));
    f.sftp.push(reply);
    expect(f.delivered).toEqual([]);
    expect(Buffer.concat(f.parsed).equals(reply)).toBe(true);
  });

  it('does not complete a read whose request table was replaced meanwhile (channel closed)', () => {
    const f = fakeSftp();
    f.read(1, 100);
    receiveReadDataInPlace(f.sftp);
    const reply = dataReply(1, Buffer.alloc(50, 2));
    f.sftp.push(reply.subarray(0, 20));
    f.sftp._requests = {};
    f.sftp.push(reply.subarray(20));
    expect(f.delivered).toEqual([]);
  });

  it('changes nothing on an object without ssh2 SFTP internals', () => {
    const other = { push: () => undefined };
    expect(receiveReadDataInPlace(other)).toBe(false);
  });
});

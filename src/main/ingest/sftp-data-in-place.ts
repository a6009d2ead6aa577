/**
 * SFTP read replies copied once, straight into the reader's buffer.
 *
 * ssh2 reassembles every SFTP packet that spans several SSH packets into a buffer of its own
 * (a fresh 256 KiB allocation per read reply), then copies the data into the buffer the read
 * asked for. This router sits in front of ssh2's SFTP parser (its `push`, fed with channel data):
 * the data of a DATA reply to a pending read goes directly into that read's buffer, and the read
 * completes exactly as ssh2 would complete it (same callback, same request table). Every other
 * packet is passed on to ssh2 byte for byte, so its parser state stays what it would have been.
 * Applied only when ssh2's SFTP object has the internals relied on (see docs/stations.md).
 */

const SSH_FXP_DATA = 103;
/** uint32 packet length, byte type: enough to tell a DATA reply from anything else. */
const TYPE_END = 5;
/** … then uint32 request id and uint32 data length. */
const DATA_HEADER = 13;

interface PendingRead {
  buffer?: Buffer;
  cb?: (err: undefined, buffer: Buffer, nb: number) => void;
}

interface SftpInternals {
  push(data: Buffer | null): unknown;
  _requests: Record<number, PendingRead | undefined>;
}

/** Installs the router on one ssh2 SFTP channel object; returns false (and changes nothing) when its internals differ. */
export function receiveReadDataInPlace(sftp: object): boolean {
  const s = sftp as Partial<SftpInternals>;
  if (typeof s.push !== 'function' || typeof s._requests !== 'object' || s._requests === null) return false;
  const router = new DataRouter(s as SftpInternals, s.push.bind(sftp));
  s.push = (data) => router.push(data);
  return true;
}

class DataRouter {
  readonly #sftp: SftpInternals;
  readonly #parse: (data: Buffer | null) => unknown;
  readonly #head = Buffer.alloc(DATA_HEADER);
  #headLen = 0;
  /** Bytes of a packet that goes to ssh2's own parser, still to come. */
  #passLeft = 0;
  /** A DATA reply being copied into its read's buffer. */
  #reply: { readonly id: number; readonly req: PendingRead; readonly buffer: Buffer; readonly nb: number; pos: number } | undefined;

  constructor(sftp: SftpInternals, parse: (data: Buffer | null) => unknown) {
    this.#sftp = sftp;
    this.#parse = parse;
  }

  push(data: Buffer | null): unknown {
    if (data === null) return this.#parse(null);
    let ret: unknown;
    for (let p = 0; p < data.length;) {
      if (this.#passLeft > 0) {
        const n = Math.min(this.#passLeft, data.length - p);
        ret = this.#parse(data.subarray(p, p + n));
        this.#passLeft -= n;
        p += n;
      } else if (this.#reply) {
        p = this.#copy(data, p);
      } else {
        const upTo = this.#headLen < TYPE_END ? TYPE_END : DATA_HEADER;
        const n = Math.min(upTo - this.#headLen, data.length - p);
        data.copy(this.#head, this.#headLen, p, p + n);
        this.#headLen += n;
        p += n;
        if (this.#headLen === upTo) ret = this.#route() ?? ret;
      }
    }
    return ret;
  }

  /** With the header read so far: either start copying a DATA reply, or hand the packet to ssh2. */
  #route(): unknown {
    const length = this.#head.readUInt32BE(0);
    const isData = this.#head[4] === SSH_FXP_DATA && length >= DATA_HEADER - 4;
    if (isData && this.#headLen < DATA_HEADER) return undefined; // read the rest of the header first
    const id = this.#head.readUInt32BE(5);
    const nb = this.#head.readUInt32BE(9);
    const req = isData ? this.#sftp._requests[id] : undefined;
    const buffer = req?.buffer;
    if (!req || !buffer || typeof req.cb !== 'function' || nb !== length + 4 - DATA_HEADER || nb > buffer.length) {
      // Not ours to shortcut (or malformed): ssh2 parses it, and reports what is wrong with it.
      this.#passLeft = length + 4 - this.#headLen;
      const head = Buffer.from(this.#head.subarray(0, this.#headLen)); // ssh2 may keep views of what it is given
      this.#headLen = 0;
      return this.#parse(head);
    }
    this.#headLen = 0;
    this.#reply = { id, req, buffer, nb, pos: 0 };
    if (nb === 0) this.#deliver();
    return undefined;
  }

  #copy(data: Buffer, p: number): number {
    const reply = this.#reply!;
    const n = Math.min(reply.nb - reply.pos, data.length - p);
    data.copy(reply.buffer, reply.pos, p, p + n);
    reply.pos += n;
    if (reply.pos === reply.nb) this.#deliver();
    return p + n;
  }

  /** Completes the read as ssh2's DATA handler does: off the request table, then its callback. */
  #deliver(): void {
    const { id, req, buffer, nb } = this.#reply!;
    this.#reply = undefined;
    // The table is replaced when the channel closes (every pending read then failed already).
    if (this.#sftp._requests[id] !== req) return;
    delete this.#sftp._requests[id];
    req.cb!(undefined, buffer, nb);
  }
}

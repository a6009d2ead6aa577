/**
 * NMEA 0183 AIS over the network: a TCP client (reconnects with backoff), a TCP server (receivers such
 * as AIS-catcher and rtl-ais connect to it) and a UDP listener (port 10110 by convention).
 * Each connection gets its own decoder. TCP input pauses while the ingest is congested (the peer is
 * slowed by TCP flow control, nothing is lost); UDP cannot be paused, so the ingest drops and counts.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AisSourceConfig } from './config.ts';
import { NmeaFeed, RateGuard, type AisSource, type SourceContext } from './source.ts';

type Cfg<K extends AisSourceConfig['kind']> = Extract<AisSourceConfig, { kind: K }>;

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/** Reads a socket into a feed, pausing it while the ingest is congested. */
function pipeSocket(socket: Socket, ctx: SourceContext, feed: NmeaFeed): () => void {
  const offDrain = ctx.ingest.onDrain(() => {
    if (socket.isPaused() && !ctx.ingest.congested) socket.resume();
  });
  socket.on('data', (chunk: Buffer) => {
    feed.push(chunk);
    if (ctx.ingest.congested) socket.pause();
  });
  return () => {
    offDrain();
    feed.end();
  };
}

/** Connects to host:port and keeps reconnecting (exponential backoff) until stopped. */
export class TcpClientSource implements AisSource {
  readonly id: string;
  readonly #cfg: Cfg<'tcp-client'>;
  readonly #ctx: SourceContext;
  readonly #guard: RateGuard;
  #socket: Socket | undefined;
  #timer: NodeJS.Timeout | undefined;
  #backoff = MIN_BACKOFF_MS;
  #stopped = false;

  constructor(cfg: Cfg<'tcp-client'>, ctx: SourceContext) {
    this.id = cfg.id;
    this.#cfg = cfg;
    this.#ctx = ctx;
    this.#guard = new RateGuard(cfg.maxMessagesPerSecond);
  }

  async start(): Promise<void> {
    this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#socket?.destroy();
    this.#ctx.health.setState('stopped');
  }

  #connect(): void {
    const { host, port } = this.#cfg;
    const health = this.#ctx.health;
    health.setState('starting', `connecting to ${host}:${port}`);
    const socket = createConnection({ host, port });
    this.#socket = socket;
    const close = pipeSocket(socket, this.#ctx, new NmeaFeed(this.#ctx, this.#guard));
    socket.on('connect', () => {
      this.#backoff = MIN_BACKOFF_MS;
      health.setState('connected', `${host}:${port}`);
    });
    socket.on('error', (err) => health.error(`${host}:${port}: ${err.message}`));
    socket.on('close', () => {
      close();
      if (this.#stopped) return;
      health.setState('disconnected', `reconnecting to ${host}:${port} in ${Math.round(this.#backoff / 1000)} s`);
      this.#timer = setTimeout(() => this.#connect(), this.#backoff);
      this.#backoff = Math.min(MAX_BACKOFF_MS, this.#backoff * 2);
    });
  }
}

/** Listens on host:port; every connected receiver is decoded separately. */
export class TcpServerSource implements AisSource {
  readonly id: string;
  readonly #cfg: Cfg<'tcp-server'>;
  readonly #ctx: SourceContext;
  readonly #guard: RateGuard;
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;

  constructor(cfg: Cfg<'tcp-server'>, ctx: SourceContext) {
    this.id = cfg.id;
    this.#cfg = cfg;
    this.#ctx = ctx;
    this.#guard = new RateGuard(cfg.maxMessagesPerSecond);
  }

  /** The bound port (useful with port 0). */
  get port(): number | undefined {
    const address = this.#server?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  async start(): Promise<void> {
    const { host, port } = this.#cfg;
    const server = createServer((socket) => this.#accept(socket));
    this.#server = server;
    server.on('error', (err) => {
      this.#ctx.health.error(err.message);
      this.#ctx.health.setState('error', err.message);
    });
    await new Promise<void>((resolve) => server.listen(port, host, resolve).once('error', () => resolve()));
    if (server.listening) this.#ctx.health.setState('listening', `${host}:${this.port}`);
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => (this.#server?.listening ? this.#server.close(() => resolve()) : resolve()));
    this.#ctx.health.setState('stopped');
  }

  #accept(socket: Socket): void {
    if (this.#sockets.size >= this.#cfg.maxClients) {
      this.#ctx.health.error(`refused ${socket.remoteAddress}: ${this.#cfg.maxClients} clients already`);
      socket.destroy();
      return;
    }
    this.#sockets.add(socket);
    this.#ctx.health.setClients(this.#sockets.size);
    const close = pipeSocket(socket, this.#ctx, new NmeaFeed(this.#ctx, this.#guard));
    socket.on('error', (err) => this.#ctx.health.error(err.message));
    socket.on('close', () => {
      close();
      this.#sockets.delete(socket);
      this.#ctx.health.setClients(this.#sockets.size);
    });
  }
}

/** Receives NMEA datagrams (one or more sentences each) on host:port. */
export class UdpSource implements AisSource {
  readonly id: string;
  readonly #cfg: Cfg<'udp'>;
  readonly #ctx: SourceContext;
  readonly #feeds = new Map<string, NmeaFeed>();
  readonly #guard: RateGuard;
  #socket: UdpSocket | undefined;

  constructor(cfg: Cfg<'udp'>, ctx: SourceContext) {
    this.id = cfg.id;
    this.#cfg = cfg;
    this.#ctx = ctx;
    this.#guard = new RateGuard(cfg.maxMessagesPerSecond);
  }

  /** The bound port (useful with port 0). */
  get port(): number | undefined {
    try {
      return this.#socket?.address().port;
    } catch {
      return undefined;
    }
  }

  async start(): Promise<void> {
    const { host, port } = this.#cfg;
    const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: true });
    this.#socket = socket;
    socket.on('message', (msg, peer) => this.#feed(`${peer.address}:${peer.port}`).push(ensureLineEnd(msg)));
    socket.on('error', (err) => {
      this.#ctx.health.error(err.message);
      this.#ctx.health.setState('error', err.message);
    });
    await new Promise<void>((resolve) => {
      socket.once('listening', () => resolve());
      socket.once('error', () => resolve());
      socket.bind(port, host);
    });
    if (this.port !== undefined) this.#ctx.health.setState('listening', `udp ${host}:${this.port}`);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.port === undefined) return resolve();
      this.#socket?.close(() => resolve());
    });
    this.#ctx.health.setState('stopped');
  }

  /** One decoder per peer, bounded: a flood of spoofed peers must not grow memory without end. */
  #feed(peer: string): NmeaFeed {
    let feed = this.#feeds.get(peer);
    if (feed === undefined) {
      if (this.#feeds.size >= 256) this.#feeds.delete(this.#feeds.keys().next().value as string);
      this.#feeds.set(peer, (feed = new NmeaFeed(this.#ctx, this.#guard)));
    }
    return feed;
  }
}

/** A datagram holds whole sentences; a missing final line break must not glue it to the next datagram. */
function ensureLineEnd(msg: Buffer): Buffer {
  const last = msg[msg.length - 1];
  return last === 0x0a || last === 0x0d ? msg : Buffer.concat([msg, Buffer.from('\n')]);
}

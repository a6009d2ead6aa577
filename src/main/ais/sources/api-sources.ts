/**
 * Internet AIS services: aisstream.io (WebSocket push) and SeaVision (REST polling). Their API keys
 * come from the secret store (or an environment variable); they are never logged or put in a URL.
 * Both speak only TLS, except to a loopback address (the mock servers of the tests).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { API_KEY_ENV } from '../../../shared/ais-sources.ts';
import { AppError } from '../../../shared/errors.ts';
import { aisstreamObservations } from '../formats/aisstream-json.ts';
import { seavisionObservations } from '../formats/seavision-json.ts';
import type { AisSourceConfig } from './config.ts';
import { RateGuard, observationSink, type AisSource, type SourceContext } from './source.ts';

type Cfg<K extends AisSourceConfig['kind']> = Extract<AisSourceConfig, { kind: K }>;

const KM_PER_DEG = 111.32;
const MAX_BACKOFF_MS = 600_000;
const RATE_LIMIT_BACKOFF_MS = 900_000;

/** True for https/wss URLs, or any scheme on a loopback host. */
export function isSecureOrLoopback(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'https:' || u.protocol === 'wss:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

/** The API key from the secret store, else from `envName`; throws a readable error when neither has it. */
async function apiKey(ctx: SourceContext, secretName: string, envName: string): Promise<string> {
  const key = (await ctx.secrets?.get(secretName)) ?? process.env[envName];
  if (!key) throw new AppError('CONFIG_INVALID', `no API key: store secret "${secretName}" or set ${envName}`);
  return key;
}

/** A square of `radiusKm` around the sensor as aisstream corners [[lat, lon], [lat, lon]]. */
export function boxAround(center: { lat: number; lon: number }, radiusKm: number): [[number, number], [number, number]] {
  const dLat = radiusKm / KM_PER_DEG;
  const dLon = radiusKm / (KM_PER_DEG * Math.max(0.01, Math.cos((center.lat * Math.PI) / 180)));
  return [[center.lat - dLat, center.lon - dLon], [center.lat + dLat, center.lon + dLon]];
}

/** aisstream.io: subscribe with the key and bounding boxes, then receive JSON messages; reconnects with backoff. */
export class AisstreamSource implements AisSource {
  readonly id: string;
  readonly #cfg: Cfg<'aisstream'>;
  readonly #ctx: SourceContext;
  readonly #sink: ReturnType<typeof observationSink>;
  #socket: WebSocket | undefined;
  #timer: NodeJS.Timeout | undefined;
  #backoff = 1000;
  #stopped = false;

  constructor(cfg: Cfg<'aisstream'>, ctx: SourceContext) {
    this.id = cfg.id;
    this.#cfg = cfg;
    this.#ctx = ctx;
    this.#sink = observationSink(ctx, new RateGuard(cfg.maxMessagesPerSecond));
  }

  async start(): Promise<void> {
    if (!isSecureOrLoopback(this.#cfg.url)) throw new AppError('CONFIG_INVALID', `${this.id}: the aisstream URL must use wss://`);
    const key = await apiKey(this.#ctx, this.#cfg.apiKeySecret, API_KEY_ENV.aisstream).catch((err: AppError) => {
      this.#ctx.health.setState('error', err.message);
      return undefined;
    });
    if (key !== undefined) this.#connect(key);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#socket?.terminate();
    this.#ctx.health.setState('stopped');
  }

  #subscription(key: string): string {
    const sensor = this.#ctx.sensor();
    const boxes = this.#cfg.boundingBoxes ?? (sensor ? [boxAround(sensor, this.#cfg.radiusKm)] : [[[-90, -180], [90, 180]]]);
    return JSON.stringify({ APIKey: key, BoundingBoxes: boxes });
  }

  #connect(key: string): void {
    const health = this.#ctx.health;
    health.setState('starting', `connecting to ${new URL(this.#cfg.url).host}`);
    const socket = new WebSocket(this.#cfg.url, { handshakeTimeout: 15_000, maxPayload: 1 << 20 });
    this.#socket = socket;
    // The service closes a socket that has not subscribed within 3 s.
    socket.on('open', () => {
      socket.send(this.#subscription(key));
      health.setState('connected', new URL(this.#cfg.url).host);
      this.#backoff = 1000;
    });
    socket.on('message', (data) => this.#onMessage(String(data)));
    socket.on('error', (err) => health.error(err.message));
    socket.on('close', (code, reason) => {
      if (this.#stopped) return;
      health.setState('disconnected', `closed (${code}${reason.length ? `: ${String(reason)}` : ''}); retrying in ${Math.round(this.#backoff / 1000)} s`);
      this.#timer = setTimeout(() => this.#connect(key), this.#backoff);
      this.#backoff = Math.min(MAX_BACKOFF_MS, this.#backoff * 2);
    });
  }

  #onMessage(text: string): void {
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      return this.#ctx.health.decodeError('not-json');
    }
    const error = (envelope as { error?: unknown } | null)?.error;
    if (typeof error === 'string') return this.#ctx.health.error(`aisstream: ${error}`);
    const observations = aisstreamObservations(envelope, this.id, Date.now());
    if (observations.length === 0) return this.#ctx.health.decodeError('unusable-record');
    this.#sink(observations, observations[0].kind === 'position' ? observations[0].fix.time : observations[0].data.at);
  }
}

/** SeaVision: polls the area around the sensor every `intervalS`; 429 backs off 15 min, errors exponentially. */
export class SeavisionSource implements AisSource {
  readonly id: string;
  readonly #cfg: Cfg<'seavision'>;
  readonly #ctx: SourceContext;
  readonly #sink: ReturnType<typeof observationSink>;
  readonly #abort = new AbortController();
  /** Newest fix time per MMSI: each poll returns the latest fix again until the vessel reports anew. */
  readonly #seen = new Map<number, number>();
  #loop: Promise<void> | undefined;

  constructor(cfg: Cfg<'seavision'>, ctx: SourceContext) {
    this.id = cfg.id;
    this.#cfg = cfg;
    this.#ctx = ctx;
    this.#sink = observationSink(ctx, new RateGuard(cfg.maxMessagesPerSecond));
  }

  async start(): Promise<void> {
    if (!isSecureOrLoopback(this.#cfg.baseUrl)) throw new AppError('CONFIG_INVALID', `${this.id}: the SeaVision URL must use https://`);
    this.#loop = this.#run().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
    this.#ctx.health.setState('stopped');
  }

  async #run(): Promise<void> {
    const key = await apiKey(this.#ctx, this.#cfg.apiKeySecret, API_KEY_ENV.seavision).catch((err: AppError) => {
      this.#ctx.health.setState('error', err.message);
      return undefined;
    });
    if (key === undefined) return;
    let backoff = this.#cfg.intervalS * 1000;
    while (!this.#abort.signal.aborted) {
      const wait = await this.#pollOnce(key).then(
        () => (backoff = this.#cfg.intervalS * 1000),
        (err: unknown) => this.#failed(err, (backoff = Math.min(MAX_BACKOFF_MS, backoff * 2))),
      );
      await sleep(wait, undefined, { signal: this.#abort.signal }).catch(() => undefined);
    }
  }

  /** The area query URL (the key travels in a header, never in the URL). */
  url(): string | undefined {
    const sensor = this.#ctx.sensor();
    if (sensor === undefined) return undefined;
    const q = new URLSearchParams({
      latitude: String(sensor.lat), longitude: String(sensor.lon), radius: String(this.#cfg.radiusMiles), age: String(this.#cfg.ageHours),
    });
    return `${this.#cfg.baseUrl.replace(/\/$/, '')}/v1/vessels?${q}`;
  }

  async #pollOnce(key: string): Promise<void> {
    const url = this.url();
    if (url === undefined) throw new AppError('CONFIG_INVALID', 'no sensor position to poll around');
    const response = await fetch(url, { headers: { 'x-api-key': key, accept: 'application/json' }, signal: AbortSignal.any([this.#abort.signal, AbortSignal.timeout(30_000)]) });
    if (response.status === 429) throw Object.assign(new Error('HTTP 429 (rate limited)'), { retryAfterMs: retryAfter(response) ?? RATE_LIMIT_BACKOFF_MS });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body: unknown = await response.json();
    const rows = Array.isArray(body) ? body : ((body as { vessels?: unknown[]; data?: unknown[] }).vessels ?? (body as { data?: unknown[] }).data ?? []);
    this.#ctx.health.setState('connected', `${rows.length} vessels in the last poll`);
    for (const row of rows) this.#deliver(row);
  }

  #deliver(row: unknown): void {
    const observations = seavisionObservations(row, this.id);
    const fix = observations.find((o) => o.kind === 'position');
    if (fix === undefined || fix.kind !== 'position') return this.#ctx.health.decodeError('unusable-record');
    if ((this.#seen.get(fix.fix.mmsi) ?? -Infinity) >= fix.fix.time) return;
    this.#seen.set(fix.fix.mmsi, fix.fix.time);
    this.#sink(observations, fix.fix.time);
  }

  #failed(err: unknown, backoffMs: number): number {
    const message = err instanceof Error ? err.message : String(err);
    if (this.#abort.signal.aborted) return 0;
    this.#ctx.health.error(message);
    this.#ctx.health.setState('error', message);
    return (err as { retryAfterMs?: number }).retryAfterMs ?? backoffMs;
  }
}

function retryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value * 1000 : undefined;
}

/**
 * The parent side of one model host process: fork, request/response matching, the watchdog,
 * and turning exits into AppErrors. Knows nothing about models; ModelHost builds on it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { AppError } from '../../shared/errors.ts';
import type { HostRequest, HostResponse, LoadedResponse, ResultResponse } from './host-protocol.ts';

/** The logging the inference layer needs; the app logger fits structurally. */
export interface InferenceLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: InferenceLogger = { info: () => {}, warn: () => {}, error: () => {} };

type Outgoing = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'requestId'> : never) : never;

interface Pending {
  resolve(response: LoadedResponse | ResultResponse): void;
  reject(error: AppError): void;
  timer: NodeJS.Timeout;
}

const STDERR_LINES_KEPT = 5;

/** One forked host process and its in-flight requests. */
export class HostChannel {
  readonly label: string;
  readonly #child: ChildProcess;
  readonly #logger: InferenceLogger;
  readonly #pending = new Map<number, Pending>();
  readonly #exitListeners = new Set<(reason: AppError) => void>();
  readonly #stderrTail: string[] = [];
  readonly #exited: Promise<void>;
  #markExited: () => void = () => {};
  #nextId = 1;
  #killReason: AppError | undefined;
  /** Set once the host is unusable: it exited, or the watchdog has sent SIGKILL. */
  #deadReason: AppError | undefined;
  #hasExited = false;
  #disposing = false;

  private constructor(child: ChildProcess, label: string, logger: InferenceLogger) {
    this.#child = child;
    this.label = label;
    this.#logger = logger;
    this.#exited = new Promise((resolve) => {
      this.#markExited = resolve;
    });
    child.on('message', (message: HostResponse) => this.#onMessage(message));
    child.on('exit', (code, signal) => this.#onExit(code, signal));
    child.on('error', (err) => this.#onError(err));
    this.#pipeLines(child.stdout, (line) => logger.info(`${label}: ${line}`));
    this.#pipeLines(child.stderr, (line) => {
      logger.warn(`${label}: ${line}`);
      this.#stderrTail.push(line);
      if (this.#stderrTail.length > STDERR_LINES_KEPT) this.#stderrTail.shift();
    });
  }

  /** Forks `entry` under the current Node (or Electron-as-Node) binary. */
  static fork(entry: string, label: string, logger: InferenceLogger = silentLogger): HostChannel {
    const child = fork(entry, [], {
      execPath: process.execPath,
      execArgv: [], // never inherit --inspect or test-runner flags
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    return new HostChannel(child, label, logger);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** False once the process has exited, been killed by the watchdog, or is being disposed. */
  get alive(): boolean {
    return this.#deadReason === undefined && !this.#disposing;
  }

  /** Why the host died, once it has. */
  get deathReason(): AppError | undefined {
    return this.#deadReason;
  }

  /** Called once when the host dies on its own (crash, watchdog kill); not on dispose(). */
  onExit(listener: (reason: AppError) => void): () => void {
    this.#exitListeners.add(listener);
    return () => this.#exitListeners.delete(listener);
  }

  /** Sends a request; SIGKILLs the process if no answer arrives within timeoutMs. */
  request(message: Outgoing, timeoutMs: number): Promise<LoadedResponse | ResultResponse> {
    if (!this.alive) return Promise.reject(this.#deadReason ?? new AppError('CANCELLED', `${this.label}: host disposed`));
    const requestId = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#onTimeout(requestId, timeoutMs), timeoutMs);
      this.#pending.set(requestId, { resolve, reject, timer });
      this.#child.send({ ...message, requestId } as HostRequest, (err) => {
        if (err) this.#settle(requestId)?.reject(new AppError('MODEL_FAILED', `${this.label}: could not send to host: ${err.message}`));
      });
    });
  }

  /** Asks the process to exit, SIGKILLs it after graceMs, and rejects anything in flight with CANCELLED. */
  async dispose(graceMs = 500): Promise<void> {
    if (this.#hasExited) return;
    this.#disposing = true;
    this.#rejectAll(new AppError('CANCELLED', `${this.label}: host disposed`));
    if (this.#child.connected) this.#child.disconnect();
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }

  #settle(requestId: number): Pending | undefined {
    const pending = this.#pending.get(requestId);
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    this.#pending.delete(requestId);
    return pending;
  }

  #onMessage(message: HostResponse): void {
    const pending = this.#settle(message.requestId);
    if (!pending) return; // answer to a request that already timed out
    if (message.type === 'error') pending.reject(new AppError(message.code, message.message));
    else pending.resolve(message);
  }

  #onTimeout(requestId: number, timeoutMs: number): void {
    const pending = this.#settle(requestId);
    if (!pending) return;
    this.#killReason = new AppError('MODEL_TIMEOUT', `${this.label}: no answer within ${timeoutMs} ms; host process killed`);
    pending.reject(this.#killReason);
    this.#child.kill('SIGKILL');
    // Dead from now on, not from the (slightly later) 'exit' event: nothing may be sent to it meanwhile.
    this.#declareDead(this.#killReason, { pid: this.pid });
  }

  #onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.#hasExited = true;
    this.#markExited();
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = this.#stderrTail.length ? `: ${this.#stderrTail.at(-1)}` : '';
    this.#declareDead(new AppError('MODEL_FAILED', `${this.label}: host process ${how}${tail}`), { code, signal });
  }

  /** Records the first cause of death, fails what is in flight and tells the listeners (unless disposing). */
  #declareDead(reason: AppError, fields: Record<string, unknown>): void {
    if (this.#deadReason) return;
    this.#deadReason = reason;
    if (this.#disposing) return;
    this.#logger.error(reason.message, fields);
    this.#rejectAll(reason);
    for (const listener of this.#exitListeners) listener(reason);
  }

  #onError(err: Error): void {
    this.#logger.error(`${this.label}: host process error: ${err.message}`);
    // A failed spawn never emits 'exit'; treat it as one so callers are not left waiting.
    if (this.#child.pid === undefined) this.#onExit(null, null);
  }

  #rejectAll(reason: AppError): void {
    for (const id of [...this.#pending.keys()]) this.#settle(id)?.reject(reason);
  }

  #pipeLines(stream: Readable | null, sink: (line: string) => void): void {
    if (stream) createInterface({ input: stream }).on('line', sink);
  }
}

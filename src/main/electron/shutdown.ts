/**
 * A once-only, time-boxed graceful shutdown.
 *
 * Every quit path (menu, last window closed, SIGTERM, OS logout) funnels into
 * `request()`: the first call runs the stop steps, later calls just wait for it.
 * If the steps hang past the deadline the process exits anyway, with code 1,
 * so a stuck model host can never keep a zombie app alive.
 */

export interface ShutdownOptions {
  /** Stops everything (window state, services, database); may reject or hang. */
  readonly stop: () => Promise<void>;
  /** Ends the process (Electron's `app.exit`, which skips further quit events). */
  readonly exit: (code: number) => void;
  /** How long `stop` may take before the process exits regardless. */
  readonly timeoutMs: number;
  /** Reports why shutdown started and how it went. */
  readonly log?: (message: string) => void;
}

/** The handle every quit path calls. */
export interface Shutdown {
  /**
   * Starts the shutdown (once) and resolves after `exit` was called.
   * `exitCode` is the least code to exit with (e.g. 1 when startup failed).
   */
  request(reason: string, exitCode?: number): Promise<void>;
  /** True once any quit path has asked to stop. */
  readonly requested: boolean;
}

const TIMED_OUT = Symbol('timed out');

/** Creates the shutdown controller; nothing happens until `request` is called. */
export function createShutdown(options: ShutdownOptions): Shutdown {
  let running: Promise<void> | undefined;
  const log = options.log ?? (() => undefined);

  async function run(reason: string, exitCode: number): Promise<void> {
    log(`shutting down (${reason})`);
    const code = await stopWithin(options.stop, options.timeoutMs, log);
    options.exit(Math.max(code, exitCode));
  }

  return {
    request(reason, exitCode = 0) {
      running ??= run(reason, exitCode);
      return running;
    },
    get requested() {
      return running !== undefined;
    },
  };
}

async function stopWithin(stop: () => Promise<void>, timeoutMs: number, log: (m: string) => void): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    const outcome = await Promise.race([stop().then(() => undefined), deadline]);
    if (outcome === TIMED_OUT) {
      log(`shutdown did not finish within ${timeoutMs} ms; exiting anyway`);
      return 1;
    }
    log('shutdown complete');
    return 0;
  } catch (err) {
    log(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    clearTimeout(timer);
  }
}

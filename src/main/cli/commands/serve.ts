/**
 * `aiw serve`: the headless station mode. Starts every service on the data folder,
 * serves the built renderer and the API on 127.0.0.1, prints one `ready <url>` line,
 * and shuts down gracefully on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { createContainer } from '../../app/container.ts';
import { createHeadlessSecretStore } from '../../app/secret-file.ts';
import { rendererDir } from '../../app/paths.ts';
import { startHeadlessServer } from '../../server/headless-server.ts';
import { sessionHttpRoute } from '../../sessions/session-http.ts';
import { contentSecurityPolicy } from '../../server/static-files.ts';
import { mapImageOrigins } from '../../vessels/map-tiles.ts';
import { numberOption, parseCommand, printHelp, UsageError } from '../args.ts';

const USAGE = `usage: aiw serve [--port P] [--data-dir DIR] [--config FILE] [--demo-speed N]
  --port P        port on 127.0.0.1 (default: a free one)
  --config FILE   JSON configuration (see docs/config.md)
  --demo-speed N  the demo station plays N× faster than real time (default 1)`;

export async function serveCommand(argv: string[]): Promise<number> {
  const { values, positionals, dataDir } = parseCommand(
    argv,
    { port: { type: 'string' }, config: { type: 'string' }, 'demo-speed': { type: 'string' } },
    USAGE,
  );
  if (values.help) return printHelp(USAGE);
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"\n\n${USAGE}`);
  const port = values.port === undefined ? 0 : parsePort(values.port);
  const demoSpeed = values['demo-speed'] === undefined ? undefined : numberOption(values['demo-speed'], 'demo-speed', 1);
  const root = rendererDir();
  if (!existsSync(join(root, 'index.html'))) {
    throw new AppError('IO_FAILED', `the renderer is not built (${root}); run "npm run build:web" or use "npm run serve"`);
  }
  // API keys and passphrases typed in the browser UI: a 0600 file in the data folder (docs/ais-sources.md).
  const secrets = createHeadlessSecretStore(dataDir);
  const container = await createContainer({ dataDir, mode: 'headless', demoSpeed, configFile: values.config, secrets });
  let server: Awaited<ReturnType<typeof startHeadlessServer>>;
  try {
    server = await startHeadlessServer({
      router: container.router, rendererDir: root, port, logger: container.logger.child('server'),
      // Asked per request: setting a map tile URL allows that one image origin from the next page load on.
      contentSecurityPolicy: () => contentSecurityPolicy({ imgOrigins: mapImageOrigins(container.repos.settings) }),
      // .aiwsession download and upload: streamed over HTTP, never one giant WebSocket message.
      fileRoutes: [sessionHttpRoute({ sessions: container.sessions, tempRoot: container.paths.root, logger: container.logger.child('sessions') })],
    });
    await container.start();
  } catch (err) {
    await container.stop();
    throw err;
  }
  process.stdout.write(`ready ${server.url}\n`);
  await waitForSignal();
  process.stderr.write('aiw serve: shutting down…\n');
  await server.close();
  await container.stop();
  return 0;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${value}"`);
  return port;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

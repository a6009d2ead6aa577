/**
 * `aiw`: the workstation's command line. Every command uses the same data folder
 * (database, model registry) as the app. Exit codes: 0 success, 1 some inputs failed,
 * 2 usage or configuration error, 3 unexpected failure.
 */
import { toAppError } from '../../shared/errors.ts';
import { UsageError } from './args.ts';

const USAGE = `usage: aiw <command> [options]

commands:
  serve                     run the workstation headless; prints "ready <url>"
  analyze <files...>        run the pipeline on recordings, one row per segment per model
  models list|deploy|activate|deactivate|retire|history|backfill
                            the model registry: deploy a package, run it live or not, audit, backfill
  info <files...>           print format, channels, rate, duration and start time
  features <files...>       write the exact model input of every segment as a .npy array
  ais decode <files...>     decode NMEA AIS logs to JSON lines (docs/ais-fields.md)
  session list|create|pin|unpin|export|import
                            sessions: list them, keep a range, write or read a .aiwsession file
  export metrics|predictions|labels|training-set --from T --to T
                            model metrics, predictions and truth labels as CSV; verified segments with audio

every command takes --data-dir DIR (default: $AIW_DATA_DIR or the OS user-data folder).
run "aiw <command> --help" for a command's options.`;

type Command = (argv: string[]) => Promise<number>;

/** Loaded on demand: `aiw info` should not pay for starting onnxruntime. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  analyze: async () => (await import('./commands/analyze.ts')).analyzeCommand,
  models: async () => (await import('./commands/models.ts')).modelsCommand,
  info: async () => (await import('./commands/info.ts')).infoCommand,
  features: async () => (await import('./commands/features.ts')).featuresCommand,
  ais: async () => (await import('./commands/ais.ts')).aisCommand,
  session: async () => (await import('./commands/session.ts')).sessionCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`aiw: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`aiw ${name}: ${err.message}\n`);
      return 2;
    }
    const e = toAppError(err);
    process.stderr.write(`aiw ${name}: ${e.message} [${e.code}]\n`);
    return e.code === 'CONFIG_INVALID' || e.code === 'PORT_IN_USE' ? 2 : 3;
  }
}

// Run when executed directly (bin/aiw.mjs imports and calls main itself).
if (import.meta.main) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

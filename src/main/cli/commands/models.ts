/** `aiw models list`: the model registry of the data folder. */
import { createContainer } from '../../app/container.ts';
import { parseCommand, printHelp, UsageError } from '../args.ts';

const USAGE = `usage: aiw models list [--data-dir DIR] [--json]`;

export async function modelsCommand(argv: string[]): Promise<number> {
  const { values, positionals, dataDir } = parseCommand(argv, { json: { type: 'boolean' } }, USAGE);
  if (values.help) return printHelp(USAGE);
  const [sub] = positionals;
  if (sub !== 'list') throw new UsageError(`unknown subcommand "${sub ?? ''}"\n\n${USAGE}`);
  const container = await createContainer({ dataDir, mode: 'cli', live: false });
  try {
    await container.deployBundledModels();
    const models = container.registry.info();
    if (values.json) process.stdout.write(`${JSON.stringify(models, null, 2)}\n`);
    else {
      process.stdout.write('id\tversion\tstatus\ttask\tchannels\trate\tsegment_s\tname\n');
      for (const m of models) {
        process.stdout.write(`${m.id}\t${m.version}\t${m.status}\t${m.task}\t${m.channels}\t${m.sampleRate}\t${m.segmentSeconds}\t${m.name}\n`);
      }
    }
    return 0;
  } finally {
    await container.stop();
  }
}

/**
 * `aiw ais decode <files...> [--format jsonl] [--errors]`: decodes NMEA AIS logs (plain or .gz) and prints
 * one JSON object per message (field names in docs/ais-fields.md); counters go to stderr.
 */
import { once } from 'node:events';
import { decodeFile } from '../../ais/decode-file.ts';
import type { AisDecoderStats } from '../../ais/decode.ts';
import { toAppError } from '../../../shared/errors.ts';
import { parseCommand, printHelp, UsageError } from '../args.ts';

const USAGE = `usage: aiw ais decode <files...> [--format jsonl] [--errors]
  --format jsonl  one JSON object per decoded message (the default and only format)
  --errors        also print rejected lines as {"class":"ERROR","reason",…}`;

/** Writes one line, waiting when stdout is full (so piping into `head` or a slow consumer is safe). */
async function writeLine(text: string): Promise<void> {
  if (!process.stdout.write(text + '\n')) await once(process.stdout, 'drain');
}

async function decodeOne(file: string, includeErrors: boolean): Promise<AisDecoderStats> {
  const messages = decodeFile(file, { format: 'jsonl', includeErrors });
  for (;;) {
    const next = await messages.next();
    if (next.done) return next.value;
    await writeLine(JSON.stringify(next.value));
  }
}

export async function aisCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') return sub === undefined ? (process.stderr.write(`${USAGE}\n`), 2) : printHelp(USAGE);
  if (sub !== 'decode') throw new UsageError(`unknown subcommand "${sub}"\n\n${USAGE}`);
  const { values, positionals: files } = parseCommand(rest, { format: { type: 'string' }, errors: { type: 'boolean' } }, USAGE);
  if (values.help) return printHelp(USAGE);
  if (values.format !== undefined && values.format !== 'jsonl') throw new UsageError(`--format must be jsonl, got "${String(values.format)}"`);
  if (!files.length) throw new UsageError(`no input files\n\n${USAGE}`);
  let failed = 0;
  for (const file of files) {
    try {
      const stats = await decodeOne(file, values.errors === true);
      process.stderr.write(`aiw ais decode: ${file}: ${JSON.stringify(stats)}\n`);
    } catch (err) {
      // The reader went away (`aiw ais decode log | head`): not a failure.
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') return 0;
      failed++;
      const e = toAppError(err, 'IO_FAILED');
      process.stderr.write(`aiw ais decode: ${file}: ${e.message} [${e.code}]\n`);
    }
  }
  return failed ? 1 : 0;
}

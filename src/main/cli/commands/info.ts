/** `aiw info <files...>`: format, channels, rate, duration and start time of recordings. */
import { toAppError } from '../../../shared/errors.ts';
import { probeAudio } from '../../audio/audio-file.ts';
import { parseCommand, printHelp, UsageError } from '../args.ts';
import { recordingStart } from '../recording-start.ts';

const USAGE = `usage: aiw info <files...> [--json]`;

export async function infoCommand(argv: string[]): Promise<number> {
  const { values, positionals: files } = parseCommand(argv, { json: { type: 'boolean' } }, USAGE);
  if (values.help) return printHelp(USAGE);
  if (!files.length) throw new UsageError(`no input files\n\n${USAGE}`);
  let failed = 0;
  for (const file of files) {
    try {
      const info = await probeAudio(file);
      const start = await recordingStart(file, info.durationS);
      const record = { ...info, startTime: new Date(start.time).toISOString(), startTimeSource: start.source };
      process.stdout.write(values.json ? `${JSON.stringify(record)}\n` : formatInfo(record));
    } catch (err) {
      failed++;
      const e = toAppError(err, 'AUDIO_UNREADABLE');
      process.stderr.write(`aiw info: ${file}: ${e.message} [${e.code}]\n`);
    }
  }
  return failed ? 1 : 0;
}

function formatInfo(r: Awaited<ReturnType<typeof probeAudio>> & { startTime: string; startTimeSource: string }): string {
  return [
    `${r.path}`,
    `  format:    ${r.container.toUpperCase()} ${r.codec === 'float' ? 'float' : 'PCM'} ${r.bitsPerSample}-bit${r.truncated ? ' (TRUNCATED: header declares more data than present)' : ''}`,
    `  channels:  ${r.channels}`,
    `  rate:      ${r.sampleRate} Hz`,
    `  duration:  ${r.durationS.toFixed(3)} s (${r.frames} frames)`,
    `  start:     ${r.startTime} (from ${r.startTimeSource})`,
    '',
  ].join('\n');
}

/**
 * `aiw info <files...>`: format, channels, rate, duration and start time of recordings; with
 * `--scan`, every sample is read for non-finite counts and peak / RMS levels per channel.
 */
import { toAppError } from '../../../shared/errors.ts';
import type { AudioFileInfo } from '../../audio/audio-info.ts';
import { probeAudio } from '../../audio/audio-file.ts';
import { scanLevels, type LevelScan } from '../../audio/level-scan.ts';
import { reasonWithoutPath } from '../../audio/recording-stream.ts';
import { compileCustomPattern } from '../../audio/recording-time.ts';
import { resolveStartTime } from '../../audio/start-time.ts';
import { parseCommand, printHelp, UsageError } from '../args.ts';
import { recordingTimeFromOptions, SIGNAL_OPTIONS, SIGNAL_USAGE } from './signal-options.ts';

const USAGE = `usage: aiw info <files...> [--json] [--scan] [--time-pattern P] [--tz-offset MIN] [--sidecar auto|hdr|none]
  --json            one JSON object per file
  --scan            read every sample: non-finite (NaN/Inf) counts, peak and RMS dBFS per channel
                    (a file with non-finite samples fails analysis: exit code 1)
${SIGNAL_USAGE}`;

type InfoRecord = AudioFileInfo & { startTime: string; startTimeSource: string; bytes: number; scan?: LevelScan };

export async function infoCommand(argv: string[]): Promise<number> {
  const { values, positionals: files } = parseCommand(argv, { json: { type: 'boolean' }, scan: { type: 'boolean' }, ...SIGNAL_OPTIONS }, USAGE);
  if (values.help) return printHelp(USAGE);
  if (!files.length) throw new UsageError(`no input files\n\n${USAGE}`);
  const time = recordingTimeFromOptions(values);
  if (typeof time.pattern === 'object') compileCustomPattern(time.pattern.regex); // a bad regex is a usage error, once
  let failed = 0;
  for (const file of files) {
    try {
      const info = await probeAudio(file);
      const start = await resolveStartTime(file, info.durationS, time);
      const record: InfoRecord = {
        ...info, bytes: info.dataOffset + info.dataBytes, startTime: new Date(start.time).toISOString(), startTimeSource: start.source,
        ...(values.scan ? { scan: await scanLevels(file, info) } : {}),
      };
      process.stdout.write(values.json ? `${JSON.stringify(record)}\n` : formatInfo(record));
      if (record.scan?.nonFinite) {
        failed++;
        process.stderr.write(`aiw info: ${file}: ${record.scan.nonFinite} non-finite samples (NaN/Inf): analysis fails on this file [AUDIO_UNREADABLE]\n`);
      }
      if (info.truncated) {
        failed++;
        process.stderr.write(`aiw info: ${file}: truncated: the header declares ${info.declaredFrames} frames, the file holds ${info.frames} [AUDIO_TRUNCATED]\n`);
      }
    } catch (err) {
      failed++;
      const e = toAppError(err, 'AUDIO_UNREADABLE');
      process.stderr.write(`aiw info: ${file}: ${reasonWithoutPath(file, e.message)} [${e.code}]\n`);
    }
  }
  return failed ? 1 : 0;
}

function formatName(r: AudioFileInfo): string {
  if (r.container === 'flac') return `FLAC ${r.bitsPerSample}-bit`;
  const codec = r.codec === 'float' ? 'IEEE float' : 'PCM';
  return `${r.container === 'rf64' ? 'RF64' : 'WAV'}${r.extensible ? ' (WAVE_FORMAT_EXTENSIBLE)' : ''} ${codec} ${r.bitsPerSample}-bit`;
}

function formatInfo(r: InfoRecord): string {
  const truncated = r.truncated
    ? `\n  TRUNCATED: the header declares ${r.declaredFrames ?? 'more'} frames, the file holds ${r.frames} [AUDIO_TRUNCATED]`
    : '';
  return [
    `${r.path}`,
    `  format:    ${formatName(r)}${truncated}`,
    `  channels:  ${r.channels}`,
    `  rate:      ${r.sampleRate} Hz`,
    `  duration:  ${r.durationS.toFixed(3)} s (${r.frames} frames)`,
    `  start:     ${r.startTime} (from ${r.startTimeSource})`,
    ...(r.scan ? formatScan(r.scan) : []),
    '',
  ].join('\n');
}

/** One line per channel: peak and RMS in dBFS (−inf for silence) and the non-finite count. */
function formatScan(scan: LevelScan): string[] {
  const db = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-inf').padStart(7);
  return [
    `  scanned:   ${scan.frames} frames, ${scan.nonFinite ? `${scan.nonFinite} NON-FINITE samples (NaN/Inf)` : 'all samples finite'}`,
    ...scan.channels.map((c) => `  ch ${String(c.channel).padEnd(7)}peak ${db(c.peakDbfs)} dBFS   RMS ${db(c.rmsDbfs)} dBFS   non-finite ${c.nonFinite}`),
  ];
}

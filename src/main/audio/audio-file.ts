/**
 * Format-independent entry points: the file's first bytes (not its extension) pick the reader.
 */
import { AppError } from '../../shared/errors.ts';
import { collectBlocks, resolveFrameRange, type AudioFileInfo, type DecodedAudio, type ReadBlocksOptions } from './audio-info.ts';
import { openAudioFile, probeWav, readWavBlocks } from './wav-reader.ts';
import { probeFlac, readFlacBlocks } from './flac-reader.ts';

type Kind = 'wav' | 'flac';

/** Detects the container from the magic bytes. */
export async function detectAudioKind(path: string): Promise<Kind> {
  const { fh } = await openAudioFile(path);
  let head: Buffer;
  try {
    head = Buffer.alloc(12);
    const { bytesRead } = await fh.read(head, 0, 12, 0);
    head = head.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (head.length === 0) throw new AppError('AUDIO_TRUNCATED', `${path}: the file is empty (0 bytes)`);
  const magic = head.toString('latin1', 0, 4);
  if (magic === 'fLaC') return 'flac';
  if ((magic === 'RIFF' || magic === 'RF64' || magic === 'BW64') && head.toString('latin1', 8, 12) === 'WAVE') return 'wav';
  const other = otherFormat(head);
  if (other) throw new AppError('AUDIO_UNSUPPORTED', `${path}: ${other} is not supported (use WAV or FLAC)`);
  const text = /^[\t\n\r\x20-\x7e]+$/.test(head.toString('latin1')) ? `it begins with text: ${JSON.stringify(head.toString('latin1'))}` : 'unrecognised header';
  throw new AppError('AUDIO_UNREADABLE', `${path}: not a WAV or FLAC file (${text})`);
}

/** Names formats we recognise but do not read, so the error says what the file is. */
function otherFormat(head: Buffer): string | undefined {
  const magic = head.toString('latin1', 0, 4);
  if (magic.startsWith('ID3') || (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0)) return 'MP3 audio';
  if (magic === 'OggS') return 'Ogg audio (Vorbis/Opus/Ogg FLAC)';
  if (magic === 'FORM' && /^AIF[FC]$/.test(head.toString('latin1', 8, 12))) return 'AIFF audio';
  if (head.toString('latin1', 4, 8) === 'ftyp') return 'MP4/M4A audio';
  if (magic === 'RIFX') return 'big-endian WAV (RIFX)';
  if (magic === 'RIFF') return `a RIFF file of type ${JSON.stringify(head.toString('latin1', 8, 12))} (not WAVE)`;
  return undefined;
}

/** Probes a WAV, RF64 or FLAC file. */
export async function probeAudio(path: string): Promise<AudioFileInfo> {
  return (await detectAudioKind(path)) === 'flac' ? probeFlac(path) : probeWav(path);
}

/** Streams per-channel Float32Array blocks from a WAV, RF64 or FLAC file. */
export async function* readAudioBlocks(path: string, opts: ReadBlocksOptions = {}): AsyncGenerator<Float32Array[]> {
  const kind = await detectAudioKind(path);
  yield* kind === 'flac' ? readFlacBlocks(path, opts) : readWavBlocks(path, opts);
}

/** Reads a whole (short) audio file of any supported format. */
export async function readAudioAll(path: string, opts: Omit<ReadBlocksOptions, 'blockFrames'> = {}): Promise<DecodedAudio> {
  const info = await probeAudio(path);
  const { start, end } = resolveFrameRange(info, opts);
  const blocks = readAudioBlocks(path, { ...opts, blockFrames: 1 << 18 });
  return { info, channels: await collectBlocks(blocks, info.channels, end - start) };
}

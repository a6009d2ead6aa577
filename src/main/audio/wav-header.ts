/**
 * WAV / RF64 header parsing: walks the chunk list with small positioned reads, so the data chunk
 * of a multi-gigabyte file is never loaded. Handles WAVE_FORMAT_EXTENSIBLE, `ds64`, `fact`,
 * odd-size chunk padding and unknown chunks (skipped).
 */
import type { FileHandle } from 'node:fs/promises';
import { AppError } from '../../shared/errors.ts';
import type { AudioFileInfo } from './audio-info.ts';

const HEAD_BYTES = 64 * 1024;
const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
/** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUIDs (bytes 0..1 hold the format code). */
const SUBFORMAT_GUID_TAIL = Buffer.from([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71]);
const SIZE_IN_DS64 = 0xffffffff;
const MAX_CHANNELS = 16;

interface FmtChunk {
  codec: 'pcm' | 'float';
  extensible: boolean;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
}

/** Reads bytes at a position, serving them from the first 64 KiB when possible. */
class HeaderSource {
  private readonly fh: FileHandle;
  private head: Buffer = Buffer.alloc(0);
  readonly size: number;

  constructor(fh: FileHandle, size: number) {
    this.fh = fh;
    this.size = size;
  }

  async init(): Promise<void> {
    this.head = await this.readRaw(0, Math.min(HEAD_BYTES, this.size));
  }

  async read(pos: number, len: number): Promise<Buffer> {
    if (pos + len <= this.head.length) return this.head.subarray(pos, pos + len);
    return this.readRaw(pos, Math.max(0, Math.min(len, this.size - pos)));
  }

  private async readRaw(pos: number, len: number): Promise<Buffer> {
    const buf = Buffer.alloc(len);
    const { bytesRead } = await this.fh.read(buf, 0, len, pos);
    return buf.subarray(0, bytesRead);
  }
}

const fail = (code: 'AUDIO_UNREADABLE' | 'AUDIO_UNSUPPORTED' | 'AUDIO_TRUNCATED', path: string, what: string) =>
  new AppError(code, `${path}: ${what}`);

/** Parses the header of an open WAV/RF64 file and returns what the reader needs. */
export async function parseWavHeader(fh: FileHandle, path: string, fileSize: number): Promise<AudioFileInfo> {
  if (fileSize === 0) throw fail('AUDIO_TRUNCATED', path, 'the file is empty (0 bytes)');
  const src = new HeaderSource(fh, fileSize);
  await src.init();
  const riff = await src.read(0, 12);
  if (riff.length < 12) throw fail('AUDIO_TRUNCATED', path, `only ${riff.length} bytes, too short for a WAV header`);
  const magic = riff.toString('latin1', 0, 4);
  if ((magic !== 'RIFF' && magic !== 'RF64' && magic !== 'BW64') || riff.toString('latin1', 8, 12) !== 'WAVE') {
    throw fail('AUDIO_UNREADABLE', path, `not a WAV file (starts with ${JSON.stringify(riff.toString('latin1', 0, 4))})`);
  }
  return walkChunks(src, path, magic === 'RIFF' ? 'wav' : 'rf64');
}

async function walkChunks(src: HeaderSource, path: string, container: 'wav' | 'rf64'): Promise<AudioFileInfo> {
  let pos = 12;
  let fmt: FmtChunk | undefined;
  let ds64DataSize: number | undefined;
  while (pos + 8 <= src.size) {
    const hdr = await src.read(pos, 8);
    const id = hdr.toString('latin1', 0, 4);
    const size = hdr.readUInt32LE(4);
    const body = pos + 8;
    if (id === 'data') {
      if (!fmt) throw fail('AUDIO_UNREADABLE', path, 'data chunk found before any fmt chunk');
      const declared = size === SIZE_IN_DS64 && ds64DataSize !== undefined ? ds64DataSize : size;
      return buildInfo(path, container, fmt, body, declared, src.size);
    }
    if (body + size > src.size) throw fail('AUDIO_TRUNCATED', path, `the ${JSON.stringify(id)} chunk is cut off by the end of the file`);
    if (id === 'fmt ') fmt = parseFmt(await src.read(body, Math.min(size, 40)), path);
    if (id === 'ds64') ds64DataSize = readUint64(await src.read(body, 16), 8, path);
    // Chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
    pos = body + size + (size & 1);
  }
  const what = fmt ? 'no data chunk before the end of the file' : 'no fmt chunk before the end of the file';
  throw fail('AUDIO_TRUNCATED', path, what);
}

function readUint64(buf: Buffer, at: number, path: string): number {
  if (buf.length < at + 8) throw fail('AUDIO_UNREADABLE', path, 'ds64 chunk is too short');
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw fail('AUDIO_UNSUPPORTED', path, `ds64 data size ${v} is too large`);
  return Number(v);
}

function parseFmt(buf: Buffer, path: string): FmtChunk {
  if (buf.length < 16) throw fail('AUDIO_UNREADABLE', path, `fmt chunk is ${buf.length} bytes, expected at least 16`);
  let format = buf.readUInt16LE(0);
  const channels = buf.readUInt16LE(2);
  const sampleRate = buf.readUInt32LE(4);
  const blockAlign = buf.readUInt16LE(12);
  const bitsPerSample = buf.readUInt16LE(14);
  const extensible = format === FORMAT_EXTENSIBLE;
  if (extensible) format = extensibleSubformat(buf, path);
  const codec = codecOf(format, bitsPerSample, path);
  if (channels < 1 || channels > MAX_CHANNELS) {
    throw fail('AUDIO_UNSUPPORTED', path, `${channels} channels (supported: 1–${MAX_CHANNELS})`);
  }
  if (sampleRate < 1) throw fail('AUDIO_UNREADABLE', path, 'sample rate is 0');
  if (blockAlign !== (channels * bitsPerSample) / 8) {
    throw fail('AUDIO_UNREADABLE', path, `block align ${blockAlign} ≠ ${channels} channels × ${bitsPerSample / 8} bytes`);
  }
  return { codec, extensible, channels, sampleRate, bitsPerSample, blockAlign };
}

function extensibleSubformat(buf: Buffer, path: string): number {
  if (buf.length < 40) throw fail('AUDIO_UNREADABLE', path, 'WAVE_FORMAT_EXTENSIBLE fmt chunk shorter than 40 bytes');
  if (!buf.subarray(26, 40).equals(SUBFORMAT_GUID_TAIL)) {
    throw fail('AUDIO_UNSUPPORTED', path, 'WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID');
  }
  return buf.readUInt16LE(24);
}

/** Compressed WAV codecs met in the field, named so the error says what the file is. */
const CODEC_NAMES: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG audio',
  0x0055: 'MPEG Layer 3 (MP3)',
  0x0161: 'Windows Media Audio',
  0x1610: 'AAC',
  0xf1ac: 'FLAC-in-WAV',
};

function codecOf(format: number, bits: number, path: string): 'pcm' | 'float' {
  if (format === FORMAT_PCM && [8, 16, 24, 32].includes(bits)) return 'pcm';
  if (format === FORMAT_FLOAT && (bits === 32 || bits === 64)) return 'float';
  if (format === FORMAT_PCM || format === FORMAT_FLOAT) {
    const name = format === FORMAT_PCM ? 'integer PCM' : 'IEEE float';
    throw fail('AUDIO_UNSUPPORTED', path, `${name} with ${bits} bits per sample is not supported`);
  }
  const tag = `0x${format.toString(16).padStart(4, '0')}`;
  const name = CODEC_NAMES[format] ? `${CODEC_NAMES[format]} (format tag ${format} = ${tag})` : `format tag ${format} (${tag})`;
  throw fail('AUDIO_UNSUPPORTED', path, `${name} with ${bits} bits per sample is not supported: convert to PCM WAV or FLAC`);
}

function buildInfo(
  path: string,
  container: 'wav' | 'rf64',
  fmt: FmtChunk,
  dataOffset: number,
  declaredBytes: number,
  fileSize: number,
): AudioFileInfo {
  const present = Math.max(0, fileSize - dataOffset);
  const truncated = declaredBytes > present;
  const frames = Math.floor(Math.min(declaredBytes, present) / fmt.blockAlign);
  if (frames === 0) {
    const why = declaredBytes === 0 ? 'the data chunk is empty' : 'the data chunk holds no complete frame';
    throw fail('AUDIO_TRUNCATED', path, why);
  }
  return {
    path,
    container,
    codec: fmt.codec,
    extensible: fmt.extensible,
    bitsPerSample: fmt.bitsPerSample,
    channels: fmt.channels,
    sampleRate: fmt.sampleRate,
    frames,
    durationS: frames / fmt.sampleRate,
    dataOffset,
    dataBytes: frames * fmt.blockAlign,
    truncated,
    ...(truncated ? { declaredFrames: Math.floor(declaredBytes / fmt.blockAlign) } : {}),
  };
}

/**
 * `npm run bench`: speed goals as ratios and real-time factors, measured in this
 * process against references run in the same process (never wall-clock thresholds).
 */
import { benchAis } from '../src/main/ais/bench.ts';
import { benchAisIngest } from '../src/main/ais/bench-ingest.ts';
import { benchDsp } from '../src/main/dsp/bench.ts';
import { benchDemoPipeline } from './demo-pipeline.ts';

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
const section = (title: string) => process.stdout.write(`\n## ${title}\n`);
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(58)} ${value}\n`);

async function main(): Promise<void> {
  process.stdout.write(`aiw bench — node ${process.version}, ${new Date().toISOString()}\n`);

  section('Demo pipeline (simulate → spectrogram + features → baseline model), one core');
  const demo = await benchDemoPipeline(Number(process.env.AIW_BENCH_DEMO_SECONDS ?? 600));
  line('audio simulated', `${demo.audioSeconds} s, ${demo.segments} segments`);
  line('segments per second (whole pipeline)', fmt(demo.segmentsPerSecond, 2));
  line('real-time factor (whole pipeline)', `${fmt(demo.realTimeFactor)}×`);
  line('  simulator', `${fmt(demo.renderRtf)}× real time`);
  line('  display spectrogram + segmentation + features', `${fmt(demo.dspRtf)}× real time`);
  line('  inference per segment', `${fmt(demo.inferenceMsPerSegment, 2)} ms`);
  line('reference: bare fft.js 1024/512 over the same audio', `${fmt(demo.bareFftRtf)}× real time`);
  line('ratio: DSP stage / bare fft.js', fmt(demo.dspRtf / demo.bareFftRtf, 2));

  section('DSP (signal-chain figures, × real time on one core)');
  for (const [k, v] of Object.entries(await benchDsp())) line(k, fmt(v, 2));

  section('AIS decoding');
  for (const [k, v] of Object.entries(await benchAis())) line(k, typeof v === 'number' ? fmt(v, 2) : String(v));

  section('AIS decode-and-store (decode → plausibility gate → SQLite batches), one core; goal ≥ 50,000 sentences/s');
  const ingest = await benchAisIngest();
  line('sentences per second (decode + gate + store)', fmt(ingest.sentencesPerSecond, 0));
  line('positions stored', String(ingest.positionsStored));
  if (ingest.ratioVsGpsdecode !== undefined) {
    line('reference: gpsdecode, decode only, sentences per second', fmt(ingest.gpsdecodeSentencesPerSecond ?? Number.NaN, 0));
    line('ratio: decode-and-store / gpsdecode', fmt(ingest.ratioVsGpsdecode, 2));
  } else line('reference: gpsdecode', 'not installed (apt-get install gpsd-clients)');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

/** Handlers of the session, review and export channels (issue 8). */
import { fileStampOf } from '../../export/file-names.ts';
import { cutWav } from '../../export/wav-export.ts';
import type { Handlers } from '../router.ts';
import type { HandlerDeps } from './deps.ts';

type Channels =
  | 'sessions:list' | 'sessions:get' | 'sessions:create' | 'sessions:update' | 'sessions:delete' | 'sessions:export' | 'sessions:import'
  | 'review:timeline' | 'export:csv' | 'export:wav';

/** Collects CSV lines in memory (the current range of one station: at most a few MB). */
async function csvText(write: (emit: (line: string) => void) => Promise<number>): Promise<{ csv: string; rows: number }> {
  const lines: string[] = [];
  const rows = await write((line) => void lines.push(line));
  return { csv: lines.join(''), rows };
}

export function sessionHandlers(d: HandlerDeps): Pick<Handlers, Channels> {
  return {
    'sessions:list': (req) => d.sessions.list(req.stationId),
    'sessions:get': (req) => d.sessions.ref(req.id),
    'sessions:create': (req) => d.sessions.create(req),
    'sessions:update': (req) => d.sessions.update(req.id, req),
    'sessions:delete': (req) => {
      d.sessions.delete(req.id);
      return { id: req.id };
    },
    'sessions:export': (req) => d.sessions.export(req.id, req.path),
    'sessions:import': (req) => d.sessions.import(req.path),
    'review:timeline': (req) => d.sessions.timeline.timeline(req.stationId, req.from, req.to, req.rangeKm ?? d.truth.labels.liveRangeKm),
    'export:csv': async (req) => {
      const f = { from: req.from, to: req.to, stationId: req.stationId };
      const { csv, rows } = req.kind === 'predictions'
        ? await csvText((emit) => d.truth.writePredictionsCsv(f, emit))
        : await csvText((emit) => d.truth.writeLabelsCsv({ ...f, rangeKm: d.truth.labels.liveRangeKm, truth: 'verified' }, emit));
      return { fileName: `${req.kind}-${req.stationId}-${fileStampOf(req.from, req.to)}.csv`, csv, rows };
    },
    'export:wav': async (req) => {
      const cut = await cutWav(d.repos.backfill.inRange(req.stationId, req.from, req.to), req.from, req.to, req.channels);
      return {
        fileName: `audio-${req.stationId}-${fileStampOf(req.from, req.to)}.wav`, base64: cut.wav.toString('base64'),
        sampleRate: cut.sampleRate, channels: cut.channels, durationMs: cut.durationMs, missingMs: cut.missingMs,
      };
    },
  };
}

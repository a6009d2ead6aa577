/** Handlers of the `classes:` and `labels:` channels (issue 7): mapping versions, truth labels, verification, training export. */
import { AppError } from '../../../shared/errors.ts';
import type { SegmentLabel } from '../../../shared/labels.ts';
import { classOf } from '../../classes/mapping-repo.ts';
import { deriveLabel } from '../../labels/derive.ts';
import type { Handlers } from '../router.ts';
import type { HandlerDeps } from './deps.ts';

type Channels =
  | 'classes:overview' | 'classes:versions' | 'classes:assign' | 'labels:status' | 'labels:settings' | 'labels:segments'
  | 'labels:verify' | 'labels:recompute' | 'labels:export-training-set';

/** Labels of a station's segments, re-derived under a mapping version, with the newest verification of each. */
function segmentLabels(d: HandlerDeps, req: { stationId: string; from: number; to: number; rangeKm?: number; mappingVersion?: number; limit: number }): SegmentLabel[] {
  const { truth } = d;
  const rangeKm = req.rangeKm ?? truth.labels.liveRangeKm;
  const version = req.mappingVersion ?? truth.mapping.currentVersion();
  const mapping = truth.mapping.mapping(version);
  const verified = new Map(truth.verifications.latestInRange(req.from, req.to, req.stationId).map((v) => [v.segmentId, v]));
  return truth.labels.repo.forRange(req.stationId, req.from, req.to, rangeKm).slice(-req.limit).map((l) => {
    const derived = deriveLabel(l.coverage, l.vessels, mapping);
    const verification = verified.get(l.id);
    return {
      segmentId: l.id, stationId: l.stationId, start: l.start, end: l.end, rangeKm, mappingVersion: version, ...derived,
      coverage: l.coverage, final: l.final, ...(verification ? { verification } : {}),
      vessels: l.vessels.map(([mmsi, designation, zone, closestM]) => ({ mmsi, designation, classId: classOf(mapping, designation), zone, closestM })),
    };
  });
}

export function labelsHandlers(d: HandlerDeps): Pick<Handlers, Channels> {
  const { truth } = d;
  return {
    'classes:overview': (req) => {
      truth.mapping.syncFromVessels();
      const current = truth.mapping.currentVersion();
      const version = req.mappingVersion ?? current;
      return {
        version: truth.mapping.version(version), current,
        designations: truth.mapping.designationRows(version), classSizes: truth.mapping.classSizes(version),
      };
    },
    'classes:versions': () => truth.mapping.versions(),
    'classes:assign': (req) => truth.assignClasses(req.changes, req.note),
    'labels:status': () => truth.labels.status(),
    'labels:settings': (req) => {
      if (!truth.labels.options.rangesKm.includes(req.liveRangeKm)) {
        throw new AppError('BAD_REQUEST', `the live range must be one of the labelled ranges: ${truth.labels.options.rangesKm.join(', ')} km`);
      }
      truth.labels.liveRangeKm = req.liveRangeKm;
      return truth.labels.status();
    },
    'labels:segments': (req) => {
      if (req.to <= req.from) throw new AppError('BAD_REQUEST', 'labels:segments: "to" must be after "from"');
      return segmentLabels(d, req);
    },
    'labels:verify': (req) => truth.verify(req.segmentId, req.verdict, req.classes, req.note),
    'labels:recompute': (req) => ({ reopened: truth.labels.recompute(req.from, req.to, req.stationId) }),
    'labels:export-training-set': (req) => truth.exportTrainingSet(req),
  };
}

/** Handlers of the `metrics:` channels (issue 7): model performance against truth labels, and its CSV. */
import { metricsCsv } from '../../metrics/export-csv.ts';
import type { Handlers } from '../router.ts';
import type { HandlerDeps } from './deps.ts';

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export function metricsHandlers(d: HandlerDeps): Pick<Handlers, 'metrics:compute' | 'metrics:export-csv'> {
  return {
    'metrics:compute': (req) => d.truth.metrics.compute(req),
    'metrics:export-csv': async (req) => {
      const report = await d.truth.metrics.compute(req);
      return { fileName: `metrics_${stamp(report.from)}_${stamp(report.to)}_${report.rangeKm}km_v${report.mappingVersion}.csv`, csv: metricsCsv(report) };
    },
  };
}

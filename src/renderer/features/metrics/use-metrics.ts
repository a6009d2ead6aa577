/**
 * The Metrics page's state: the chosen window, range, mapping version, truth and detailed model
 * (kept across reloads), the label engine's status and mapping versions, and the report for them
 * (re-requested when a choice changes, and every minute while the page is open).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LabelEngineStatus, MappingVersion } from '../../../shared/labels.ts';
import type { MetricsReport, TruthSource } from '../../../shared/metrics.ts';
import { useApi } from '../../app/api-context.tsx';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { invokeOrNotify } from '../../state/api-calls.ts';
import { modelKeyOf, WINDOWS, windowRange, type WindowId } from './metrics-format.ts';
import type { ReportMarks } from './report-timing.ts';

const REFRESH_MS = 60_000;
const isWindow = (v: unknown): v is WindowId => WINDOWS.some((w) => w.id === v);
const isTruth = (v: unknown): v is TruthSource => v === 'ais' || v === 'verified' || v === 'verified-only';
const isNumberOrNull = (v: unknown): v is number | null => v === null || typeof v === 'number';
const isString = (v: unknown): v is string => typeof v === 'string';

/** The analyst's choices on the page. */
export interface MetricsChoices {
  window: WindowId;
  rangeKm: number | null;
  mappingVersion: number | null;
  truth: TruthSource;
  /** `id@version` of the model whose detailed sections are shown ('' = the first). */
  detail: string;
}

export function useMetrics() {
  const api = useApi();
  const [window, setWindow] = usePersistentState<WindowId>('metrics.window', '7d', isWindow);
  const [rangeKm, setRangeKm] = usePersistentState<number | null>('metrics.rangeKm', null, isNumberOrNull);
  const [mappingVersion, setMappingVersion] = usePersistentState<number | null>('metrics.mappingVersion', null, isNumberOrNull);
  const [truth, setTruth] = usePersistentState<TruthSource>('metrics.truth', 'ais', isTruth);
  const [detail, setDetail] = usePersistentState<string>('metrics.detail', '', isString);
  const [status, setStatus] = useState<LabelEngineStatus>();
  const [versions, setVersions] = useState<MappingVersion[]>([]);
  const [report, setReport] = useState<MetricsReport>();
  /** When the current report was asked for and arrived (report-timing.ts). */
  const [marks, setMarks] = useState<ReportMarks>();
  /** The change event of the latest choice, until a request is sent for it. */
  const inputAt = useRef<number | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  const request = useCallback(() => {
    const range = windowRange(window, status?.watermark ?? Date.now());
    const [id, version] = detail.split('@');
    return {
      ...range, truth,
      ...(rangeKm !== null && status?.rangesKm.includes(rangeKm) ? { rangeKm } : {}),
      ...(mappingVersion !== null ? { mappingVersion } : {}),
      details: id && version ? [{ id, version }] : ('first' as const),
    };
  }, [window, status, truth, rangeKm, mappingVersion, detail]);

  useEffect(() => {
    void invokeOrNotify(api, 'labels:status', {}, 'Reading the label status').then((s) => s && setStatus(s));
    void invokeOrNotify(api, 'classes:versions', {}, 'Reading mapping versions').then((v) => v && setVersions(v));
    const timer = setInterval(() => setTick((t) => t + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, [api, tick]);

  useEffect(() => {
    if (!status) return;
    let cancelled = false;
    setLoading(true);
    const sent = { inputAt: inputAt.current, sentAt: performance.now() };
    inputAt.current = undefined;
    void invokeOrNotify(api, 'metrics:compute', request(), 'Computing metrics').then((r) => {
      if (cancelled) return;
      setLoading(false);
      if (!r) return;
      setMarks({ ...sent, arrivedAt: performance.now() });
      setReport(r);
      // A chosen model that is gone: back to the first one's details (asked for again).
      if (detail !== '' && !r.models.some((m) => modelKeyOf(m) === detail)) setDetail('');
    });
    return () => {
      cancelled = true;
    };
  }, [api, status, request, detail, setDetail]);

  const choices: MetricsChoices = { window, rangeKm: rangeKm ?? status?.liveRangeKm ?? null, mappingVersion, truth, detail };
  const set = { window: setWindow, rangeKm: setRangeKm, mappingVersion: setMappingVersion, truth: setTruth, detail: setDetail };
  /** Notes when a choice's change event happened (its `timeStamp`), to time change → drawn. */
  const markInput = useCallback((at: number) => void (inputAt.current = at), []);
  return { choices, set, status, versions, report, marks, markInput, loading, request, refresh: () => setTick((t) => t + 1) };
}

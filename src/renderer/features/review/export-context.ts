/**
 * What an export says about the data on screen: station, time range, models and mapping version. The
 * page on screen keeps it current (the review view sets it from its timeline); exports read it for the
 * PNG footer and text chunks and for the range of CSV and WAV exports.
 */
import { create } from 'zustand';

export interface ExportContext {
  readonly stationId?: string;
  readonly stationName?: string;
  /** The visible time range (epoch ms). */
  readonly from?: number;
  readonly to?: number;
  /** The selected span (audio export), when one is selected. */
  readonly selection?: { readonly from: number; readonly to: number };
  /** `id@version` of the models shown. */
  readonly models: readonly string[];
  readonly mappingVersions: readonly number[];
  readonly sessionId?: string;
}

interface ExportContextState extends ExportContext {
  set(patch: Partial<ExportContext>): void;
  clear(): void;
}

const EMPTY: ExportContext = { models: [], mappingVersions: [] };

export const useExportContext = create<ExportContextState>()((set) => ({
  ...EMPTY,
  set: (patch) => set(patch),
  clear: () => set({ ...EMPTY, stationId: undefined, stationName: undefined, from: undefined, to: undefined, selection: undefined, sessionId: undefined }),
}));

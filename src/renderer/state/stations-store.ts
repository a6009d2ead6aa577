/**
 * Station status and which station the analyst is looking at.
 */
import { create } from 'zustand';
import type { StationStatus } from '../../shared/domain.ts';

interface StationsState {
  readonly statuses: readonly StationStatus[];
  readonly selectedId: string | undefined;
  readonly loaded: boolean;
  setStatuses(statuses: readonly StationStatus[]): void;
  select(stationId: string): void;
}

/** Keeps the selection if that station still exists, otherwise falls back to the first one. */
export function reconcileSelection(selectedId: string | undefined, statuses: readonly StationStatus[]): string | undefined {
  if (selectedId && statuses.some((s) => s.stationId === selectedId)) return selectedId;
  return statuses[0]?.stationId;
}

export const useStationsStore = create<StationsState>()((set) => ({
  statuses: [],
  selectedId: undefined,
  loaded: false,
  setStatuses: (statuses) =>
    set((state) => ({ statuses, loaded: true, selectedId: reconcileSelection(state.selectedId, statuses) })),
  select: (stationId) => set({ selectedId: stationId }),
}));

/** The status of the selected station, if any. */
export function useSelectedStation(): StationStatus | undefined {
  return useStationsStore((s) => s.statuses.find((st) => st.stationId === s.selectedId));
}

/**
 * The station and time range last shown by the review timeline (Live or Review page). Unlike the
 * export context it outlives the page, so the Sessions page's "Keep a range" starts from what the
 * analyst was looking at.
 */
import { create } from 'zustand';

export interface ViewedRange {
  readonly stationId: string;
  readonly from: number;
  readonly to: number;
}

interface ViewedRangeState {
  readonly viewed: ViewedRange | undefined;
  set(viewed: ViewedRange): void;
}

export const useViewedRange = create<ViewedRangeState>()((set) => ({
  viewed: undefined,
  set: (viewed) => set({ viewed }),
}));

const HOUR = 3_600_000;

/** The range "Keep a range" proposes: the one last viewed, else the last hour up to `now`. */
export function keepRangeDefaults(viewed: ViewedRange | undefined, now: number): { stationId?: string; from: number; to: number } {
  if (viewed && viewed.to > viewed.from) return { stationId: viewed.stationId, from: Math.floor(viewed.from / 1000) * 1000, to: Math.ceil(viewed.to / 1000) * 1000 };
  return { from: now - HOUR, to: now };
}

/**
 * The map's time cursor: "live" follows the station's stream time (the newest audio received);
 * otherwise a fixed instant. Exported so a review timeline can drive the map (`showTime`), show the
 * picture at the instant under the pointer (`hover`), and read which vessel the analyst picked (`selected`).
 */
import { create } from 'zustand';

interface MapTimeState {
  /** True: follow the live stream time. */
  readonly live: boolean;
  /** The fixed instant shown when not live (epoch ms). */
  readonly time: number | undefined;
  /** The vessel picked on the map or in the list. */
  readonly selected: number | undefined;
  /** The instant under the pointer on a timeline (shown by the review map instead of the cursor), if any. */
  readonly hoverTime: number | undefined;
  goLive(): void;
  /** Shows the picture at `time` (leaves live mode). */
  showTime(time: number): void;
  select(mmsi: number | undefined): void;
  hover(time: number | undefined): void;
}

export const useMapTimeStore = create<MapTimeState>()((set) => ({
  live: true,
  time: undefined,
  selected: undefined,
  hoverTime: undefined,
  goLive: () => set({ live: true }),
  showTime: (time) => set({ live: false, time }),
  select: (mmsi) => set({ selected: mmsi }),
  hover: (time) => set({ hoverTime: time }),
}));

/** Shows the vessels at `time` on the review map while a timeline is hovered (undefined: back to the cursor). */
export const hoverMapAt = (time: number | undefined): void => useMapTimeStore.getState().hover(time);

/** The instant the map shows: the live stream time (wall clock when no station streams), or the fixed cursor. */
export function cursorTime(state: { live: boolean; time: number | undefined }, liveTime: number | undefined, now: number): number {
  return state.live ? (liveTime ?? now) : (state.time ?? liveTime ?? now);
}

/**
 * Whether the analyst is dragging or zooming a map. While so, the per-second picture and the track
 * updates are held back and applied when the move ends: re-rendering the vessel list and repainting
 * canvases mid-drag costs frames, and nobody reads them while the map slides.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { create } from 'zustand';

export const useMapMotion = create<{ readonly moving: boolean }>()(() => ({ moving: false }));

/** Tells the store a map started (true) or ended (false) a move. */
export const setMapMoving = (moving: boolean): void => {
  if (useMapMotion.getState().moving !== moving) useMapMotion.setState({ moving });
};

/** Like useState, but a value set while a map moves is applied when the move ends (the newest one only). */
export function useStateHeldWhileMoving<T>(initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState(initial);
  const pending = useRef<{ value: T } | undefined>(undefined);
  useEffect(() => useMapMotion.subscribe((s) => {
    if (s.moving || pending.current === undefined) return;
    const held = pending.current.value;
    pending.current = undefined;
    setValue(() => held);
  }), []);
  const set = useCallback((next: T) => {
    if (useMapMotion.getState().moving) pending.current = { value: next };
    else {
      pending.current = undefined;
      setValue(() => next);
    }
  }, []);
  return [value, set];
}

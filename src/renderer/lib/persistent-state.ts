/**
 * `useState` that survives reloads via localStorage (view preferences only, never data).
 */
import { useCallback, useState } from 'react';

function read<T>(key: string, fallback: T, accept: (v: unknown) => v is T): T {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return fallback;
    const value: unknown = JSON.parse(raw);
    return accept(value) ? value : fallback;
  } catch {
    return fallback; // storage disabled or corrupt: preferences are optional
  }
}

/** State stored under `aiw.<key>`; `accept` rejects stale or foreign stored values. */
export function usePersistentState<T>(key: string, fallback: T, accept: (v: unknown) => v is T): [T, (v: T) => void] {
  const storageKey = `aiw.${key}`;
  const [value, setValue] = useState<T>(() => read(storageKey, fallback, accept));
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // ignore: the choice still applies for this session
      }
    },
    [storageKey],
  );
  return [value, set];
}

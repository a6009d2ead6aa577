/**
 * A small seeded PRNG so dataset generation and splits are reproducible (never Math.random).
 */
import { mulberry32 } from '../../src/shared/prng.ts';

/** mulberry32 (src/shared/prng.ts) under the name the training code uses. */
export const createRng = mulberry32;

/** Fisher–Yates shuffle in place, driven by `rng`. */
export function shuffleInPlace<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

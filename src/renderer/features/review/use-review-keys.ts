/**
 * Keyboard review: → / j next segment, ← / k previous, d / D next / previous disagreement with the
 * truth, u / U next / previous highly uncertain segment, space plays the selection, l follows live,
 * Escape clears the selection. Ignored while typing in a field.
 */
import { useEffect, useRef } from 'react';
import type { StepKind } from './review-nav.ts';

export interface ReviewKeyActions {
  step(kind: StepKind, dir: 1 | -1): void;
  play(): void;
  followLive(): void;
  clear(): void;
}

/** The action of a key (undefined: not ours). */
export function keyAction(key: string): ((a: ReviewKeyActions) => void) | undefined {
  switch (key) {
    case 'ArrowRight': case 'j': return (a) => a.step('segment', 1);
    case 'ArrowLeft': case 'k': return (a) => a.step('segment', -1);
    case 'd': return (a) => a.step('disagreement', 1);
    case 'D': return (a) => a.step('disagreement', -1);
    case 'u': return (a) => a.step('uncertain', 1);
    case 'U': return (a) => a.step('uncertain', -1);
    case ' ': return (a) => a.play();
    case 'l': return (a) => a.followLive();
    case 'Escape': return (a) => a.clear();
    default: return undefined;
  }
}

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName));

export function useReviewKeys(actions: ReviewKeyActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const action = keyAction(e.key);
      if (!action) return;
      e.preventDefault();
      action(latest.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

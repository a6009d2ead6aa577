/**
 * Small stroke icons for the navigation (inline SVG: no icon font, nothing remote).
 */
import type { ReactElement } from 'react';

const PATHS: Record<string, string> = {
  live: 'M2 12h3l2-6 3 12 3-9 2 5 2-2h5',
  map: 'M9 4 3 6v14l6-2 6 2 6-2V4l-6 2-6-2Zm0 0v14m6-12v14',
  review: 'M3 5h18M3 10h18M3 15h12M3 20h8m10-6-4 4-2-2',
  metrics: 'M4 20V10m6 10V4m6 16v-7m4 7H2',
  models: 'M12 3 3 8l9 5 9-5-9-5Zm-9 9 9 5 9-5M3 16l9 5 9-5',
  classes: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM16.5 13v7M13 16.5h7',
  sessions: 'M12 7v5l3 2m6-2a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z',
  stations: 'M12 21v-9m0 0a2 2 0 1 0 0-4 2 2 0 0 0 0 4ZM7.8 5.8a6 6 0 0 0 0 8.4m8.4-8.4a6 6 0 0 1 0 8.4M5 3a10 10 0 0 0 0 14M19 3a10 10 0 0 1 0 14',
  settings: 'M4 6h10m4 0h2M4 12h4m4 0h8M4 18h12m4 0h0M14 4v4m-6 2v4m8 2v4',
  close: 'M6 6l12 12M18 6 6 18',
};

/** One of the app's icons by name, sized in CSS px. */
export function Icon({ name, size = 18 }: { name: keyof typeof PATHS | string; size?: number }): ReactElement {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={PATHS[name] ?? ''} />
    </svg>
  );
}

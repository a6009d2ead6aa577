/**
 * Hash routes: the app is one page, served from a file in Electron and from the headless
 * server in a browser, so `#/live` works in both without server-side routing.
 */
import { useSyncExternalStore } from 'react';

export const ROUTES = [
  { id: 'live', label: 'Live', group: 'Monitor', ready: true },
  { id: 'review', label: 'Review', group: 'Monitor', ready: true },
  { id: 'map', label: 'Map', group: 'Monitor', ready: true },
  { id: 'metrics', label: 'Metrics', group: 'Monitor', ready: true },
  { id: 'models', label: 'Models', group: 'Manage', ready: true },
  { id: 'classes', label: 'Classes', group: 'Manage', ready: true },
  { id: 'stations', label: 'Stations', group: 'Manage', ready: true },
  { id: 'sessions', label: 'Sessions', group: 'Manage', ready: true },
  { id: 'settings', label: 'Settings', group: 'Manage', ready: false },
] as const;

export type RouteId = (typeof ROUTES)[number]['id'];

/** The route named by a location hash such as "#/models" (unknown → live). */
export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((r) => r.id === id)?.id ?? 'live';
}

const subscribe = (onChange: () => void): (() => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The current route, re-rendering on hash changes. */
export function useRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}

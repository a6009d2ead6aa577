/**
 * Makes the one `Api` available to every component without knowing its transport.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from '../../shared/api.ts';

const ApiContext = createContext<Api | undefined>(undefined);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The API; throws when used outside `ApiProvider` (a wiring bug, not a runtime condition). */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiProvider>');
  return api;
}

/**
 * The class-mapping version the map's classes come from: bumped by `classes:mapping-changed` when the
 * analyst edits the Classes page, so the picture, tracks and card are fetched again and recoloured
 * without a reload.
 */
import { useEffect, useState } from 'react';
import { useApi } from '../../app/api-context.tsx';

/** The newest mapping version announced since mounting (undefined until one changes). */
export function useMappingVersion(): number | undefined {
  const api = useApi();
  const [version, setVersion] = useState<number | undefined>(undefined);
  useEffect(() => api.on('classes:mapping-changed', (e) => setVersion(e.version)), [api]);
  return version;
}

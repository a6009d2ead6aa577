/**
 * The review view's address: `#/review?session=<id>` (a session), `#/review?station=<id>&from=<ms>&to=<ms>`
 * (any range), or `#/review` (the selected station, following live).
 */

export interface ReviewParams {
  readonly session?: string;
  readonly station?: string;
  readonly from?: number;
  readonly to?: number;
}

/** Parses the query part of a location hash. */
export function reviewParams(hash: string): ReviewParams {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const q = new URLSearchParams(query);
  const num = (k: string) => {
    const v = q.get(k);
    const n = v === null ? Number.NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const from = num('from');
  const to = num('to');
  const range = from !== undefined && to !== undefined && to > from ? { from, to } : {};
  return {
    ...(q.get('session') ? { session: q.get('session')! } : {}),
    ...(q.get('station') ? { station: q.get('station')! } : {}),
    ...range,
  };
}

/** The hash of a review of a session, or of a station's range. */
export function reviewHash(p: ReviewParams): string {
  const q = new URLSearchParams();
  if (p.session) q.set('session', p.session);
  if (p.station) q.set('station', p.station);
  if (p.from !== undefined) q.set('from', String(Math.round(p.from)));
  if (p.to !== undefined) q.set('to', String(Math.round(p.to)));
  const s = q.toString();
  return `#/review${s ? `?${s}` : ''}`;
}

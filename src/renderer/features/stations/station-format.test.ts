import { describe, expect, it } from 'vitest';
import { formatAgo, formatRate, groupFingerprint } from './station-format.ts';

describe('station health formatting', () => {
  it('formats transfer rates', () => {
    expect([0, 999, 12_345, 3_400_000].map(formatRate)).toEqual(['0 B/s', '999 B/s', '12.3 kB/s', '3.4 MB/s']);
  });

  it('formats the last contact', () => {
    expect(formatAgo(undefined, 0)).toBe('never');
    expect(formatAgo(10_000, 22_500)).toBe('12.5 s ago');
    expect(formatAgo(0, 2 * 86_400_000)).toBe('1970-01-01 00:00:00 UTC');
  });

  it('groups a fingerprint in fours', () => {
    expect(groupFingerprint('WHsrVs5LzHefrgad')).toBe('SHA256:WHsr Vs5L zHef rgad');
  });
});

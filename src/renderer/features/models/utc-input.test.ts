import { describe, expect, it } from 'vitest';
import { fromUtcInput, toUtcInput } from './utc-input.ts';

describe('UTC datetime-local values', () => {
  it('round-trips at second resolution and refuses what is not a time', () => {
    const t = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
    expect(toUtcInput(t)).toBe('2025-01-02T03:04:05');
    expect(fromUtcInput(toUtcInput(t))).toBe(Date.UTC(2025, 0, 2, 3, 4, 5));
    expect(fromUtcInput('2025-01-02T03:04')).toBe(Date.UTC(2025, 0, 2, 3, 4));
    expect(fromUtcInput('')).toBeUndefined();
    expect(fromUtcInput('2025-13-45T99:00')).toBeUndefined();
  });
});

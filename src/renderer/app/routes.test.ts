import { describe, expect, it } from 'vitest';
import { routeFromHash } from './routes.ts';

describe('routeFromHash', () => {
  it('reads the route id and falls back to live', () => {
    expect(routeFromHash('#/models')).toBe('models');
    expect(routeFromHash('#models?x=1')).toBe('models');
    expect(routeFromHash('')).toBe('live');
    expect(routeFromHash('#/nope')).toBe('live');
  });
});

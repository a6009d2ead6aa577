import { describe, expect, it } from 'vitest';
import { wantsMock, wsUrlFor } from './transport.ts';

describe('transport selection helpers', () => {
  it('builds the WebSocket URL from the page location and token', () => {
    expect(wsUrlFor({ protocol: 'http:', host: '127.0.0.1:4321', search: '?token=a%2Bb/c' })).toBe(
      'ws://127.0.0.1:4321/api?token=a%2Bb%2Fc',
    );
    expect(wsUrlFor({ protocol: 'https:', host: 'h', search: '' })).toBe('wss://h/api?token=');
  });

  it('recognises ?mock=1', () => {
    expect(wantsMock('?mock=1')).toBe(true);
    expect(wantsMock('?token=x&mock=true')).toBe(true);
    expect(wantsMock('?mock=0')).toBe(false);
    expect(wantsMock('')).toBe(false);
  });
});

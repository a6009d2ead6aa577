import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tileOrigin, tileUrlProblem } from '../../shared/map-tiles.ts';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../server/static-files.ts';
import type { SettingsRepo } from '../storage/settings-repo.ts';
import { mapImageOrigins, readMapTiles, writeMapTiles } from './map-tiles.ts';

function memorySettings(initial: Record<string, unknown> = {}): SettingsRepo {
  const values = new Map(Object.entries(initial));
  return { get: <T>(key: string, fallback: T) => (values.has(key) ? (values.get(key) as T) : fallback), set: (key, value) => void values.set(key, value) };
}

const imgSrc = (csp: string) => csp.split('; ').find((d) => d.startsWith('img-src '))!;

describe('map tile setting and the CSP', () => {
  it('allows no remote origin at all without a tile URL', () => {
    const settings = memorySettings();
    expect(readMapTiles(settings)).toEqual({ url: null, attribution: '' });
    expect(mapImageOrigins(settings)).toEqual([]);
    const csp = contentSecurityPolicy({ imgOrigins: mapImageOrigins(settings) });
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(imgSrc(csp)).toBe("img-src 'self' data: blob:");
    expect(csp).not.toMatch(/https?:/);
  });

  it('allows exactly the tile host once a URL is set, and nothing again once it is cleared', () => {
    const settings = memorySettings();
    writeMapTiles(settings, { url: 'https://tiles.example.org:8443/osm/{z}/{x}/{y}{r}.png', attribution: '© Example' });
    expect(readMapTiles(settings)).toEqual({ url: 'https://tiles.example.org:8443/osm/{z}/{x}/{y}{r}.png', attribution: '© Example' });
    expect(imgSrc(contentSecurityPolicy({ imgOrigins: mapImageOrigins(settings) }))).toBe("img-src 'self' data: blob: https://tiles.example.org:8443");
    writeMapTiles(settings, { url: null });
    expect(mapImageOrigins(settings)).toEqual([]);
  });

  it('reads a corrupt or tampered stored value as off', () => {
    expect(mapImageOrigins(memorySettings({ 'map.tiles': { url: "https://x.org;script-src *;/{z}/{x}/{y}", attribution: '' } }))).toEqual([]);
    expect(mapImageOrigins(memorySettings({ 'map.tiles': 42 }))).toEqual([]);
  });

  it('accepts only https (or loopback http) templates on one plain host', () => {
    expect(tileUrlProblem('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBeUndefined();
    expect(tileUrlProblem('http://127.0.0.1:8080/{z}/{x}/{y}.png')).toBeUndefined();
    expect(tileUrlProblem('http://tiles.example.org/{z}/{x}/{y}.png')).toMatch(/https/);
    expect(tileUrlProblem('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toMatch(/\{s\}/);
    expect(tileUrlProblem('https://tile.example.org/{z}/{x}.png')).toMatch(/\{y\}/);
    expect(tileUrlProblem('https://user:pw@tile.example.org/{z}/{x}/{y}.png')).toMatch(/password/);
    expect(tileUrlProblem("https://a.org'x/{z}/{x}/{y}")).toMatch(/host/);
  });

  it('never lets a template put anything but scheme://host[:port] into the policy (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('https://', 'http://127.0.0.1', 'https://a.b'), (junk, prefix) => {
        const template = `${prefix}${junk}/{z}/{x}/{y}`;
        if (tileUrlProblem(template) !== undefined) return;
        expect(tileOrigin(template)).toMatch(/^https?:\/\/[a-z0-9.-]+(:\d+)?$/);
      }),
    );
  });
});

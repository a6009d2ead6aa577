import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileNameGlob } from './name-glob.ts';

describe('compileNameGlob', () => {
  it('matches whole names with *, ?, classes and alternatives', () => {
    const wav = compileNameGlob('*.{wav,flac}');
    expect(['a.wav', 'x y.flac', '.wav'].every((n) => wav.test(n))).toBe(true);
    expect(['a.wav.part', 'a.WAV', 'a.mp3'].some((n) => wav.test(n))).toBe(false);
    expect(compileNameGlob('MARS_??????.wav').test('MARS_200811.wav')).toBe(true);
    expect(compileNameGlob('MARS_??????.wav').test('MARS_2008111.wav')).toBe(false);
    expect(compileNameGlob('site[12]_*.wav').test('site2_x.wav')).toBe(true);
    expect(compileNameGlob('site[!12]_*.wav').test('site2_x.wav')).toBe(false);
    expect(compileNameGlob('rec(1)+.wav').test('rec(1)+.wav')).toBe(true);
  });

  it('treats a name without glob characters literally', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }).filter((s) => !/[*?[\]{}]/.test(s)), (name) => compileNameGlob(name).test(name)));
  });

  it('refuses malformed patterns with CONFIG_INVALID', () => {
    expect(() => compileNameGlob('*.{wav')).toThrowError(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => compileNameGlob('[abc.wav')).toThrowError(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

import { describe, expect, it } from 'vitest';
import { realClipSets, sanctSoundSite, sanctSoundSplit } from './real-sets.ts';

describe('real clip sets', () => {
  it('reads the SanctSound site from the file name and holds out every site but the Florida Keys', () => {
    expect(sanctSoundSite('SanctSound_CI05_03_largeship_20190925T135956Z.wav')).toBe('CI05');
    expect(sanctSoundSite('other.wav')).toBe('unknown');
    expect(sanctSoundSplit('FK02')).toBe('train');
    expect(sanctSoundSplit('CI01')).toBe('test');
  });

  it('never puts a site or a vessel recording in both splits, and says what is missing', () => {
    const { clips, missing } = realClipSets('/nonexistent');
    expect(clips.length).toBe(8); // the repository's SanctSound clips only
    expect(missing.join('\n')).toMatch(/DeepShip not found[\s\S]*Orcasound not found/);
    const sites = (split: string) => new Set(clips.filter((c) => c.split === split).map((c) => c.site));
    const train = sites('train');
    for (const site of sites('test')) expect(train.has(site)).toBe(false);
    expect(clips.filter((c) => c.split === 'test').map((c) => c.label).sort()).toEqual(['B', 'D', 'E']);
  });
});

import { describe, expect, it } from 'vitest';
import { deepShipClass, sanctSoundClass } from './real-clips.ts';
import { parseCsv } from '../../src/shared/csv.ts';

describe('parseCsv', () => {
  it('handles quoted commas, doubled quotes and CRLF', () => {
    const rows = parseCsv('file,note\r\na.wav,"x, ""y"""\r\nb.wav,plain\r\n');
    expect(rows).toEqual([
      { file: 'a.wav', note: 'x, "y"' },
      { file: 'b.wav', note: 'plain' },
    ]);
  });
});

describe('class mappings', () => {
  it('maps SanctSound labels', () => {
    expect(sanctSoundClass('vessel/large-ship')).toBe('D');
    expect(sanctSoundClass('vessel/small-boat')).toBe('B');
    expect(sanctSoundClass('vessel/small-recreational')).toBe('B');
    expect(sanctSoundClass('non-vessel/rain')).toBe('E');
    expect(sanctSoundClass('mixed/vessel+odontocete')).toBeNull();
  });

  it('maps DeepShip labels', () => {
    expect(deepShipClass('passenger')).toBe('C');
    expect(deepShipClass('tanker')).toBe('D');
    expect(deepShipClass('whale')).toBeNull();
  });
});

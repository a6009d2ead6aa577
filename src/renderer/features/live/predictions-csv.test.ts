import { describe, expect, it } from 'vitest';
import { aPrediction } from '../../state/test-builders.ts';
import { predictionsToCsv } from './predictions-csv.ts';
import { csvField } from '../../../shared/csv.ts';

describe('predictions CSV', () => {
  it('quotes only fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(undefined)).toBe('');
  });

  it('writes a header and one row per prediction with UTC times and per-class probabilities', () => {
    const csv = predictionsToCsv([aPrediction({ segmentId: 0, modelId: 'x,y', classes: ['E', 'A'], probs: [0.25, 0.75] })]);
    const [header, row, end] = csv.split('\r\n');
    expect(header.split(',').slice(0, 12)).toEqual([
      'station_id', 'segment_id', 'segment_start_utc', 'segment_end_utc', 'model_id', 'model_version', 'predicted_class',
      'p_A', 'p_B', 'p_C', 'p_D', 'p_E',
    ]);
    expect(row.startsWith('st,0,1970-01-01T00:00:00.000Z,1970-01-01T00:00:03.000Z,"x,y",1,A,0.75,,,,0.25,1.2,0.52,0.6,,,3')).toBe(true);
    expect(end).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeCommandLine, parseAnalyzeOutput, probsInOrder } from './analyze-output.ts';

const CSV = `file,segment_index,segment_start,segment_end,padded,model_id,model_version,predicted_class,p_A,p_B,p_C,p_D,p_E,entropy,entropy_norm,margin,aleatoric,epistemic
/x/a.wav,0,2019-01-01T00:00:00.000Z,2019-01-01T00:00:30.000Z,true,m1,1.0.0,B,0.1,0.6,0.1,0.1,0.1,1.2,0.5,0.5,,
/x/a.wav,0,2019-01-01T00:00:00.000Z,2019-01-01T00:00:30.000Z,true,ml,1.0.0,B,0.2,0.7,0.1,0.3,,1,0.3,0.2,,`;

describe('parseAnalyzeOutput', () => {
  it('reads CSV rows, dropping empty class columns', () => {
    const rows = parseAnalyzeOutput(CSV);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ file: 'a.wav', segment: 0, modelId: 'm1', modelVersion: '1.0.0' });
    expect(probsInOrder(rows[0]!, ['A', 'B', 'C', 'D', 'E'])).toEqual([0.1, 0.6, 0.1, 0.1, 0.1]);
    expect(rows[1]!.probs).toEqual({ A: 0.2, B: 0.7, C: 0.1, D: 0.3 });
    expect(() => probsInOrder(rows[1]!, ['A', 'E'])).toThrow(/no probability for class E/);
  });

  it('reads JSON lines the same way', () => {
    const line = JSON.stringify({ file: '/y/b.flac', segment_index: 2, model_id: 'm', model_version: '2.0.0', p_A: 0.25, p_B: 0.75 });
    expect(parseAnalyzeOutput(`${line}\n`)).toEqual([{ file: 'b.flac', segment: 2, modelId: 'm', modelVersion: '2.0.0', probs: { A: 0.25, B: 0.75 } }]);
    expect(parseAnalyzeOutput('  \n')).toEqual([]);
  });

  it('prints a pasteable command with repository-relative paths', () => {
    const repo = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
    expect(analyzeCommandLine([`${repo}/resources/x.wav`, '/abs/y.wav'], `${repo}/models/m`))
      .toBe('npx aiw analyze resources/x.wav /abs/y.wav --model models/m --format jsonl --out predictions.jsonl');
  });
});

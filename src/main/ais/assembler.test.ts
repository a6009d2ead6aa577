import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FragmentAssembler } from './assembler.ts';
import type { AisSentence } from './nmea.ts';

function fragment(fragment: number, total: number, payload: string, extra: Partial<AisSentence> = {}): AisSentence {
  return {
    talker: 'AI', formatter: 'VDM', total, fragment, sequenceId: 1, channel: 'A', payload,
    fillBits: fragment === total ? 2 : 0, prefix: '', suffix: '', ...extra,
  };
}

describe('FragmentAssembler', () => {
  it('passes single-sentence messages straight through', () => {
    const assembler = new FragmentAssembler();
    const single = { ...fragment(1, 1, 'abc'), sequenceId: null };
    expect(assembler.push(single, 0)).toMatchObject({ payload: 'abc', fillBits: 2 });
    expect(assembler.pending).toBe(0);
  });

  it('joins fragments in order and takes fill bits from the last', () => {
    const assembler = new FragmentAssembler();
    expect(assembler.push(fragment(1, 3, 'aa'), 0)).toBeNull();
    expect(assembler.push(fragment(2, 3, 'bb'), 1)).toBeNull();
    const done = assembler.push(fragment(3, 3, 'cc'), 2);
    expect(done).toMatchObject({ payload: 'aabbcc', fillBits: 2, firstAt: 0 });
    expect(done?.sentences.map((s) => s.fragment)).toEqual([1, 2, 3]);
    expect(assembler.orphanFragments).toBe(0);
  });

  it('assembles fragments arriving in any order (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }).chain((n) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n })), (order) => {
        const assembler = new FragmentAssembler();
        const total = order.length;
        const results = order.map((i) => assembler.push(fragment(i + 1, total, String(i)), 0));
        const done = results.filter((r) => r !== null);
        expect(done).toHaveLength(1);
        expect(done[0]!.payload).toBe([...Array(total).keys()].join(''));
        expect(assembler.pending).toBe(0);
      }),
    );
  });

  it('keeps interleaved messages apart by channel and sequence id', () => {
    const assembler = new FragmentAssembler();
    assembler.push(fragment(1, 2, 'A1'), 0);
    assembler.push(fragment(1, 2, 'B1', { channel: 'B' }), 0);
    assembler.push(fragment(1, 2, 'S1', { sequenceId: 2 }), 0);
    expect(assembler.push(fragment(2, 2, 'B2', { channel: 'B' }), 0)?.payload).toBe('B1B2');
    expect(assembler.push(fragment(2, 2, 'S2', { sequenceId: 2 }), 0)?.payload).toBe('S1S2');
    expect(assembler.push(fragment(2, 2, 'A2'), 0)?.payload).toBe('A1A2');
  });

  it('drops a broken message as orphans when its fragment number repeats', () => {
    const assembler = new FragmentAssembler();
    assembler.push(fragment(1, 2, 'old'), 0);
    assembler.push(fragment(1, 2, 'new'), 1);
    expect(assembler.orphanFragments).toBe(1);
    expect(assembler.push(fragment(2, 2, 'end'), 2)?.payload).toBe('newend');
  });

  it('expires incomplete messages after the timeout', () => {
    const assembler = new FragmentAssembler({ timeoutMs: 1000 });
    assembler.push(fragment(1, 2, 'x'), 0);
    assembler.push(fragment(1, 3, 'y', { sequenceId: 5 }), 500);
    assembler.push(fragment(2, 3, 'y', { sequenceId: 5 }), 600);
    expect(assembler.expire(1001)).toBe(1);
    expect(assembler.pending).toBe(1);
    // The late second half now starts a group of its own, which never completes.
    expect(assembler.push(fragment(2, 2, 'z'), 1400)).toBeNull();
    expect(assembler.orphanFragments).toBe(1); // "y" started at 500 and is still within its timeout
    expect(assembler.push(fragment(1, 1, 'single', { sequenceId: null }), 1600)).not.toBeNull();
    expect(assembler.orphanFragments).toBe(1 + 2); // both "y" fragments expired at 1600 > 500 + 1000
    expect(assembler.flush()).toBe(1);
    expect(assembler.orphanFragments).toBe(4);
  });

  it('bounds the number of open messages', () => {
    const assembler = new FragmentAssembler({ maxOpenGroups: 3 });
    for (let id = 0; id < 5; id++) assembler.push(fragment(1, 2, 'p', { sequenceId: id }), 0);
    expect(assembler.pending).toBe(3);
    expect(assembler.orphanFragments).toBe(2);
    expect(assembler.push(fragment(2, 2, 'q', { sequenceId: 4 }), 0)?.payload).toBe('pq');
  });
});

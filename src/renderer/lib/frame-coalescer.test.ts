import { describe, expect, it } from 'vitest';
import { createFrameCoalescer } from './frame-coalescer.ts';

function manualScheduler() {
  const queue: Array<() => void> = [];
  return {
    schedule: (cb: () => void) => void queue.push(cb),
    runFrame: () => queue.splice(0).forEach((cb) => cb()),
    get scheduled() {
      return queue.length;
    },
  };
}

describe('frame coalescer', () => {
  it('applies everything pushed within a frame as one batch, in order', () => {
    const frames = manualScheduler();
    const batches: number[][] = [];
    const c = createFrameCoalescer<number>((b) => batches.push(b), frames.schedule);
    for (let i = 0; i < 50; i++) c.push(i);
    expect(frames.scheduled).toBe(1);
    expect(batches).toEqual([]);
    frames.runFrame();
    expect(batches).toEqual([Array.from({ length: 50 }, (_, i) => i)]);
  });

  it('schedules a new frame only after the previous one flushed', () => {
    const frames = manualScheduler();
    const batches: string[][] = [];
    const c = createFrameCoalescer<string>((b) => batches.push(b), frames.schedule);
    c.push('a');
    frames.runFrame();
    c.push('b');
    c.push('c');
    expect(frames.scheduled).toBe(1);
    frames.runFrame();
    expect(batches).toEqual([['a'], ['b', 'c']]);
  });

  it('does not call apply for an empty frame and stops after dispose', () => {
    const frames = manualScheduler();
    let calls = 0;
    const c = createFrameCoalescer<number>(() => calls++, frames.schedule);
    c.flush();
    expect(calls).toBe(0);
    c.push(1);
    c.dispose();
    frames.runFrame();
    c.push(2);
    expect(calls).toBe(0);
    expect(c.pending).toBe(0);
  });
});

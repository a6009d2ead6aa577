import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOAST_TTL_MS, notifyError, useNoticesStore } from './notices-store.ts';

beforeEach(() => {
  vi.useFakeTimers();
  useNoticesStore.setState({ toasts: [] });
});
afterEach(() => vi.useRealTimers());

describe('notices', () => {
  it('expires info toasts but keeps errors until dismissed', () => {
    const { push } = useNoticesStore.getState();
    push({ level: 'info', code: 'X', message: 'hello', at: 1 });
    notifyError('Loading models', { code: 'IO_FAILED', message: 'socket closed' });
    vi.advanceTimersByTime(TOAST_TTL_MS);
    const left = useNoticesStore.getState().toasts;
    expect(left.map((t) => [t.level, t.message])).toEqual([['error', 'Loading models: socket closed']]);
    useNoticesStore.getState().dismiss(left[0].id);
    expect(useNoticesStore.getState().toasts).toEqual([]);
  });

  it('counts repeats instead of stacking duplicates', () => {
    const { push } = useNoticesStore.getState();
    push({ level: 'warning', code: 'BEHIND', message: 'late', at: 1 });
    push({ level: 'warning', code: 'BEHIND', message: 'late', at: 2 });
    const toasts = useNoticesStore.getState().toasts;
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ count: 2, at: 2 });
  });
});

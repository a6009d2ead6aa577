/**
 * Toasts: `app:notice` events and failed invokes.
 *
 * Errors stay until dismissed; info and warnings fade after a few seconds. A notice equal to
 * one already shown bumps its counter instead of stacking a duplicate.
 */
import { create } from 'zustand';
import type { Notice } from '../../shared/domain.ts';
import type { AppErrorInfo } from '../../shared/result.ts';

export interface Toast extends Notice {
  readonly id: number;
  readonly count: number;
}

/** How long info and warning toasts stay, in ms. */
export const TOAST_TTL_MS = 6000;
const MAX_TOASTS = 6;

interface NoticesState {
  readonly toasts: readonly Toast[];
  push(notice: Notice): void;
  dismiss(id: number): void;
}

let nextToastId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export const useNoticesStore = create<NoticesState>()((set, get) => {
  const scheduleExpiry = (toast: Toast): void => {
    if (toast.level === 'error') return;
    clearTimeout(timers.get(toast.id));
    timers.set(toast.id, setTimeout(() => get().dismiss(toast.id), TOAST_TTL_MS));
  };

  return {
    toasts: [],
    push: (notice) => {
      const same = get().toasts.find((t) => t.level === notice.level && t.code === notice.code && t.message === notice.message);
      const toast: Toast = same ? { ...same, at: notice.at, count: same.count + 1 } : { ...notice, id: nextToastId++, count: 1 };
      set((state) => {
        const others = state.toasts.filter((t) => t.id !== toast.id);
        return { toasts: [...others, toast].slice(-MAX_TOASTS) };
      });
      scheduleExpiry(toast);
    },
    dismiss: (id) => {
      clearTimeout(timers.get(id));
      timers.delete(id);
      set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) }));
    },
  };
});

/** Shows a failed invoke as an error toast; `what` says what the user was doing. */
export function notifyError(what: string, error: AppErrorInfo): void {
  useNoticesStore.getState().push({ level: 'error', code: error.code, message: `${what}: ${error.message}`, at: Date.now() });
}

/**
 * Notices from main and failed invokes, stacked bottom-right.
 */
import { formatUtcTime } from '../lib/time-format.ts';
import { useNoticesStore, type Toast } from '../state/notices-store.ts';
import { Icon } from './icons.tsx';

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: () => void }) {
  return (
    <div className={`toast toast-${toast.level}`} role={toast.level === 'error' ? 'alert' : 'status'} data-testid="toast">
      <div className="toast-main">
        <div className="toast-meta">
          <span className="toast-level">{toast.level}</span>
          <span className="toast-code">{toast.code}</span>
          <span className="toast-time">{formatUtcTime(toast.at)} UTC</span>
          {toast.count > 1 && <span className="toast-count">×{toast.count}</span>}
        </div>
        <div className="toast-message">{toast.message}</div>
      </div>
      <button type="button" className="icon-btn" aria-label="Dismiss" onClick={onDismiss}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useNoticesStore((s) => s.toasts);
  const dismiss = useNoticesStore((s) => s.dismiss);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} onDismiss={() => dismiss(t.id)} />
      ))}
    </div>
  );
}

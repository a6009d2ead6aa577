/**
 * A progress bar for long jobs (backfill, imports, exports): a bar, the counts, the rate and the
 * time left, and an optional cancel button. Reusable: it knows nothing about what is counted.
 */
import type { ReactNode } from 'react';
import { progressFraction, progressText, type ProgressFigures } from './progress-text.ts';
import './progress-bar.css';

export interface ProgressBarProps extends ProgressFigures {
  readonly label?: ReactNode;
  /** 'running' animates the bar; the others colour it. */
  readonly state?: 'running' | 'done' | 'cancelled' | 'failed';
  readonly extra?: ReactNode;
  readonly onCancel?: () => void;
}

export function ProgressBar(props: ProgressBarProps) {
  const fraction = progressFraction(props.done, props.total);
  const state = props.state ?? 'running';
  return (
    <div className={`progress progress-${state}`} data-testid="progress">
      {props.label && <div className="progress-label">{props.label}</div>}
      <div
        className="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={props.total}
        aria-valuenow={props.done}
      >
        <div className="progress-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <div className="progress-meta">
        <span className="progress-text">{progressText(props)}</span>
        {state !== 'running' && <span className="progress-state">{state}</span>}
        {props.extra}
        {props.onCancel && state === 'running' && (
          <button type="button" className="btn btn-small" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}

/** The review queue: segments ordered by uncertainty or by disagreement with the truth; click to go there. */
import { useMemo } from 'react';
import type { ReviewTimeline } from '../../../shared/sessions.ts';
import { formatUtcTime } from '../../lib/time-format.ts';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { reviewQueue, type QueueOrder } from './review-nav.ts';

const isOrder = (v: unknown): v is QueueOrder => v === 'uncertainty' || v === 'disagreement';

interface Props {
  readonly timeline: ReviewTimeline | undefined;
  readonly selected: number | undefined;
  readonly onSelect: (index: number) => void;
}

export function ReviewQueue({ timeline, selected, onSelect }: Props) {
  const [order, setOrder] = usePersistentState<QueueOrder>('review.queueOrder', 'disagreement', isOrder);
  const items = useMemo(() => (timeline ? reviewQueue(timeline, order, 100) : []), [timeline, order]);
  return (
    <div className="review-queue">
      <label className="field">
        <span>order by</span>
        <select className="select" value={order} data-testid="queue-order" onChange={(e) => isOrder(e.target.value) && setOrder(e.target.value)}>
          <option value="disagreement">disagreement with truth</option>
          <option value="uncertainty">uncertainty</option>
        </select>
      </label>
      {items.length === 0 ? (
        <div className="empty">{order === 'disagreement' ? 'No call contradicts the truth here.' : 'No predictions here.'}</div>
      ) : (
        <ol className="queue-list" data-testid="review-queue">
          {items.map((q) => (
            <li key={q.segmentId}>
              <button type="button" className={`queue-item ${q.index === selected ? 'active' : ''}`} onClick={() => onSelect(q.index)}>
                <span className="mono">{formatUtcTime(q.start)}</span>
                <span>{order === 'uncertainty' ? `H ${q.score.toFixed(2)}` : q.disagreeing.map((k) => k.split('@')[0]).join(', ')}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

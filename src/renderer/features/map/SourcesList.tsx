/** Health of every AIS source: state, rate, last message, errors. */
import type { AisSourceHealth } from '../../../shared/ais.ts';
import { formatUtcTime } from '../../lib/time-format.ts';

const STATE_CLASS: Record<AisSourceHealth['state'], string> = {
  starting: 'warn', connected: 'ok', listening: 'ok', disconnected: 'warn', stalled: 'warn', error: 'err', finished: 'muted', stopped: 'muted',
};

export function SourcesList({ sources }: { sources: readonly AisSourceHealth[] }) {
  if (sources.length === 0) return <div className="empty small">No AIS source configured.</div>;
  return (
    <ul className="sources-list">
      {sources.map((s) => {
        const rejects = Object.values(s.decodeErrors).reduce((a, b) => a + b, 0) + s.rejected;
        return (
          <li key={s.id} data-testid="ais-source" data-state={s.state} title={s.lastError ?? s.detail}>
            <span className={`dot dot-${STATE_CLASS[s.state]}`} />
            <span className="source-label">{s.label}</span>
            <span className="small muted">
              {s.state} · {s.messagesPerSecond}/s · {s.messages} msgs
              {s.lastMessageAt ? ` · last ${formatUtcTime(s.lastMessageAt)}` : ''}
              {rejects > 0 ? ` · ${rejects} rejected` : ''}
              {s.dropped > 0 ? ` · ${s.dropped} dropped` : ''}
              {s.errors > 0 ? ` · ${s.errors} errors` : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

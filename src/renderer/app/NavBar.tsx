/**
 * The left navigation rail, grouped Monitor / Manage, with the build and transport at the foot.
 */
import { Icon } from '../components/icons.tsx';
import { useConnectionStore } from '../state/connection-store.ts';
import { ROUTES, type RouteId } from './routes.ts';

const TRANSPORT_LABEL = { ipc: 'desktop', ws: 'headless', mock: 'mock data' } as const;

export function NavBar({ current, version }: { current: RouteId; version: string | undefined }) {
  const kind = useConnectionStore((s) => s.kind);
  const groups = [...new Set(ROUTES.map((r) => r.group))];
  return (
    <nav className="nav" aria-label="Main">
      {groups.map((group) => (
        <div className="nav-group" key={group}>
          <div className="nav-group-title">{group}</div>
          {ROUTES.filter((r) => r.group === group).map((r) => (
            <a
              key={r.id}
              href={`#/${r.id}`}
              className={`nav-link ${r.id === current ? 'active' : ''} ${r.ready ? '' : 'pending'}`}
              aria-current={r.id === current ? 'page' : undefined}
            >
              <Icon name={r.id} />
              <span>{r.label}</span>
            </a>
          ))}
        </div>
      ))}
      <div className="nav-foot">
        <div>v{version ?? '…'}</div>
        <div className="muted">{kind ? TRANSPORT_LABEL[kind] : ''}</div>
      </div>
    </nav>
  );
}

/**
 * "Acting as <name>": the analyst name recorded with every model action (kept in settings; a
 * single-analyst laptop needs no passwords, only an honest name in the audit trail).
 */
import { useEffect, useState } from 'react';
import { useApi } from '../../app/api-context.tsx';
import { invokeOrNotify } from '../../state/api-calls.ts';

export function AnalystName() {
  const api = useApi();
  const [name, setName] = useState<string>();
  const [draft, setDraft] = useState<string>();
  useEffect(() => {
    void invokeOrNotify(api, 'settings:analyst', {}, 'Loading the analyst name').then((r) => r && setName(r.name));
  }, [api]);
  const save = async () => {
    if (!draft?.trim()) return setDraft(undefined);
    const r = await invokeOrNotify(api, 'settings:analyst', { name: draft.trim() }, 'Saving the analyst name');
    if (r) setName(r.name);
    setDraft(undefined);
  };
  if (draft !== undefined) {
    return (
      <form className="analyst-name" onSubmit={(e) => (e.preventDefault(), void save())}>
        <input className="select" autoFocus value={draft} maxLength={80} aria-label="Analyst name" onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="btn btn-small">Save</button>
      </form>
    );
  }
  return (
    <span className="analyst-name">
      acting as <strong data-testid="analyst-name">{name ?? '…'}</strong>{' '}
      <button type="button" className="btn btn-small" onClick={() => setDraft(name ?? '')}>
        Change
      </button>
    </span>
  );
}

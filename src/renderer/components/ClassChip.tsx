/**
 * A ship class shown as a coloured chip with its letter (name in the tooltip).
 */
import { DEFAULT_CLASSES, classColor } from '../../shared/taxonomy.ts';

export function className(id: string): string {
  return DEFAULT_CLASSES.find((c) => c.id === id)?.name ?? id;
}

export function ClassChip({ id, withName = false }: { id: string; withName?: boolean }) {
  return (
    <span className="class-chip" title={`${id}: ${className(id)}`}>
      <span className="class-swatch" style={{ background: classColor(id) }} />
      <span className="class-id">{id}</span>
      {withName && <span className="class-name">{className(id)}</span>}
    </span>
  );
}

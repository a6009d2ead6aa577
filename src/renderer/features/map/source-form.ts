/**
 * The AIS source editor's form: text fields for every kind, turned into a source config validated by
 * the same schema as the --config file. Fields the form does not show (stall limit, flood guard, URLs)
 * keep the values of the source being edited. Pure, unit-tested.
 */
import { aisSourceConfigSchema, type AisSourceConfig } from '../../../shared/ais-sources.ts';

export type SourceKind = AisSourceConfig['kind'];

export const SOURCE_KINDS: readonly { kind: SourceKind; label: string }[] = [
  { kind: 'udp', label: 'NMEA over UDP' },
  { kind: 'tcp-client', label: 'NMEA TCP client (connect to a receiver)' },
  { kind: 'tcp-server', label: 'NMEA TCP server (receivers connect here)' },
  { kind: 'replay', label: 'Replay a file (NMEA, CSV, JSON lines)' },
  { kind: 'aisstream', label: 'aisstream.io (API key)' },
  { kind: 'seavision', label: 'SeaVision (API key)' },
];

/** Every field as typed (strings, so half-typed numbers survive), plus the checkboxes. */
export interface SourceForm {
  id: string;
  kind: SourceKind;
  enabled: boolean;
  host: string;
  port: string;
  path: string;
  format: 'auto' | 'nmea' | 'csv' | 'aisstream-jsonl';
  speed: string;
  shiftToNow: boolean;
  loop: boolean;
  /** km for aisstream, nautical miles for SeaVision. */
  radius: string;
  intervalS: string;
  /** A key typed in (write-only: never filled from the server). */
  apiKey: string;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** The form for an existing source, or a new UDP source on the conventional port. */
export function formFromConfig(c?: AisSourceConfig): SourceForm {
  const f: SourceForm = {
    id: '', kind: 'udp', enabled: true, host: '127.0.0.1', port: '10110', path: '', format: 'auto', speed: '1',
    shiftToNow: false, loop: false, radius: '', intervalS: '45', apiKey: '',
  };
  if (c === undefined) return f;
  const any = c as Partial<Record<string, unknown>>;
  return {
    ...f, id: c.id, kind: c.kind, enabled: c.enabled, host: text(any.host), port: text(any.port), path: text(any.path),
    format: (any.format as SourceForm['format'] | undefined) ?? 'auto', speed: text(any.speed ?? 1),
    shiftToNow: any.shiftToNow === true, loop: any.loop === true,
    radius: text(c.kind === 'aisstream' ? c.radiusKm : c.kind === 'seavision' ? c.radiusMiles : ''), intervalS: text(any.intervalS ?? 45),
  };
}

/** A number from a field, or undefined when empty (the schema default applies). */
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

/** The kind-specific part of the config, from the form. */
function kindFields(f: SourceForm): Record<string, unknown> {
  switch (f.kind) {
    case 'tcp-client':
    case 'tcp-server':
    case 'udp':
      return { host: f.host.trim() || undefined, port: num(f.port) };
    case 'replay':
      return { path: f.path.trim(), format: f.format, speed: num(f.speed), shiftToNow: f.shiftToNow, loop: f.loop };
    case 'aisstream':
      return { radiusKm: num(f.radius) };
    case 'seavision':
      return { radiusMiles: num(f.radius), intervalS: num(f.intervalS) };
  }
}

/** Fields of `base` that belong to its kind and that the form does not show (kept when editing). */
function hiddenFields(base: AisSourceConfig | undefined, kind: SourceKind, shown: Record<string, unknown>): Record<string, unknown> {
  if (base === undefined || base.kind !== kind) return {};
  return Object.fromEntries(Object.entries(base).filter(([k]) => !(k in shown)));
}

/** The config the form describes, validated; or the problems, one line each. */
export function configFromForm(f: SourceForm, base?: AisSourceConfig): { ok: true; config: AisSourceConfig } | { ok: false; errors: string[] } {
  const shown = { id: f.id.trim(), kind: f.kind, enabled: f.enabled, ...kindFields(f) };
  const raw = Object.fromEntries(Object.entries({ ...hiddenFields(base, f.kind, shown), ...shown }).filter(([, v]) => v !== undefined));
  const parsed = aisSourceConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'source'}: ${i.message}`) };
}

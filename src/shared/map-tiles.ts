/**
 * The map's optional online tile layer (off by default: the map works offline with its bundled land).
 * One XYZ URL template on one host: the Content-Security-Policy then allows images from exactly that
 * origin, and nothing else on the network. Pure (used by main for the CSP and by the settings form).
 */
import { z } from 'zod';

/** Placeholders Leaflet fills in; `{s}` (several hosts) is refused so the policy names one origin. */
const PLACEHOLDERS = /\{(z|x|y|r)\}/g;
/** Plain DNS names or IPv4 addresses only: anything else could smuggle text into the policy header. */
const SAFE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/** Why `template` is not a usable tile URL template, or undefined when it is. */
export function tileUrlProblem(template: string): string | undefined {
  for (const p of ['{z}', '{x}', '{y}']) if (!template.includes(p)) return `the URL template must contain ${p}`;
  const rest = template.replace(PLACEHOLDERS, '0');
  if (/[{}]/.test(rest)) return 'only the placeholders {z}, {x}, {y} and {r} are supported (one host: no {s})';
  let url: URL;
  try {
    url = new URL(rest);
  } catch {
    return 'not a valid URL';
  }
  if (url.username !== '' || url.password !== '') return 'the URL must not contain a user name or password';
  if (!SAFE_HOST.test(url.hostname)) return `the host "${url.hostname}" is not a plain DNS name or IPv4 address`;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return undefined; // a tile server on this machine
  return 'tiles must be fetched over https:// (http:// only from 127.0.0.1 or localhost)';
}

/** The origin (`https://host[:port]`) a valid template loads images from. */
export function tileOrigin(template: string): string {
  const url = new URL(template.replace(PLACEHOLDERS, '0'));
  return `${url.protocol}//${url.host}`;
}

export const tileUrlSchema = z
  .string()
  .trim()
  .max(500)
  .superRefine((value, ctx) => {
    const problem = tileUrlProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The tile setting: a template (null: offline only) and the attribution the tile provider requires. */
export const mapTilesSchema = z.object({ url: tileUrlSchema.nullable(), attribution: z.string().max(300) });

/** Reads the setting, or changes it when `url` is given (null turns the online layer off). */
export const mapTilesRequestSchema = z.object({ url: tileUrlSchema.nullable().optional(), attribution: z.string().trim().max(300).optional() }).strict();

export type MapTiles = z.infer<typeof mapTilesSchema>;

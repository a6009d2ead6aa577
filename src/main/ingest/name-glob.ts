/**
 * File-name globs for a station's `include` pattern: `*` (any run), `?` (one character),
 * `[abc]` / `[a-z]` / `[!abc]` (a class), `{wav,flac}` (alternatives). Matched against
 * the file name only, never the folder, and the whole name must match.
 */
import { AppError } from '../../shared/errors.ts';

const SPECIAL = /[.+^$()|\\/]/;

/** Compiles a glob into an anchored regular expression; throws CONFIG_INVALID on a malformed one. */
export function compileNameGlob(glob: string): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) throw new AppError('CONFIG_INVALID', `include pattern ${JSON.stringify(glob)}: "[" without "]"`);
      let body = glob.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += SPECIAL.test(c) || c === '{' || c === '}' || c === ']' ? `\\${c}` : c;
  }
  if (braces > 0) throw new AppError('CONFIG_INVALID', `include pattern ${JSON.stringify(glob)}: "{" without "}"`);
  try {
    return new RegExp(`^${out}$`, 'u');
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `include pattern ${JSON.stringify(glob)} is not a valid glob`, { cause: err });
  }
}

/**
 * File transfers with the headless server that are too large for one WebSocket message (`.aiwsession`
 * files): downloads are plain links to `/files/…` carrying the page's token, uploads stream the picked
 * File as a POST body. In Electron (`window.api`) and the mock the API's own channels are used instead.
 */
import type { z } from 'zod';
import { fail, resultSchema, type Result } from '../../shared/result.ts';
import { wantsMock } from './transport.ts';

/** True when the page is served by `aiw serve` (WebSocket API), where files move over HTTP. */
export function isHeadlessPage(): boolean {
  return !window.api && !wantsMock(window.location.search);
}

const pageToken = () => new URLSearchParams(window.location.search).get('token') ?? '';

/** A same-origin `/files/…` URL with the page's token. */
export function serverFileUrl(path: string): string {
  return `${path}?token=${encodeURIComponent(pageToken())}`;
}

/** Starts the browser's download of a server file (streamed by the server, not held in memory here). */
export function downloadServerFile(path: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = serverFileUrl(path);
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** POSTs a file to a `/files/…` path (body streamed by the browser) and reads the server's Result. */
export async function uploadServerFile<T extends z.ZodType>(path: string, file: File, value: T): Promise<Result<z.infer<T>>> {
  let res: Response;
  try {
    res = await fetch(`${path}?name=${encodeURIComponent(file.name)}`, {
      method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream', 'x-aiw-token': pageToken() },
    });
  } catch (err) {
    return fail('IO_FAILED', `the upload failed: ${(err as Error).message}`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(res.status === 401 ? 'UNAUTHORIZED' : 'IO_FAILED', `HTTP ${res.status}: ${text.slice(0, 200)}`);
  }
  const parsed = resultSchema(value).safeParse(body);
  return parsed.success ? (parsed.data as Result<z.infer<T>>) : fail('INTERNAL', `unexpected answer to the upload (HTTP ${res.status})`);
}

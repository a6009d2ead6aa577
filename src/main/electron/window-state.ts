/**
 * The main window's remembered size, position and maximized flag.
 *
 * Stored as a tiny JSON file in the data folder; anything unreadable or implausible
 * falls back to defaults so a bad file can never hide the window off-screen.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly width: number;
  readonly height: number;
  /** Absent when the window should be centred by the OS. */
  readonly x?: number;
  readonly y?: number;
  readonly maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false };
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;

const windowStateSchema = z.object({
  width: z.number().int().min(MIN_WINDOW_SIZE.width).max(32_768),
  height: z.number().int().min(MIN_WINDOW_SIZE.height).max(32_768),
  x: z.number().int().min(-32_768).max(32_768).optional(),
  y: z.number().int().min(-32_768).max(32_768).optional(),
  maximized: z.boolean().default(false),
});

/** Reads the saved state; a missing, corrupt or invalid file gives the defaults. */
export async function readWindowState(file: string): Promise<WindowState> {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Saves the state (best effort: losing the window size is not worth an error dialog). */
export async function writeWindowState(file: string, state: WindowState): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(state));
  } catch {
    // A read-only or full data folder only costs the remembered size.
  }
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Fits a saved state to today's displays: shrinks it to the largest work area and
 * forgets the position unless at least a quarter of the window is on some display
 * (a monitor may have been unplugged since it was saved).
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((a) => a.width));
  const maxHeight = Math.max(...workAreas.map((a) => a.height));
  const width = Math.min(state.width, maxWidth);
  const height = Math.min(state.height, maxHeight);
  const fitted = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const bounds = { x: state.x, y: state.y, width, height };
  const visible = workAreas.some((area) => overlapArea(bounds, area) >= (width * height) / 4);
  return visible ? { ...fitted, x: state.x, y: state.y } : fitted;
}

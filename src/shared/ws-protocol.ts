/**
 * Wire protocol of the headless WebSocket transport (ws://127.0.0.1:PORT/api?token=…).
 *
 * client → server: `invoke` requests with a numeric id;
 * server → client: the `result` for that id, and every contract `event` (pushed to all clients).
 */
import { z } from 'zod';
import { MAX_UPLOAD_BASE64_CHARS } from './models.ts';
import { appErrorInfoSchema } from './result.ts';

export const clientMessageSchema = z.object({
  t: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  payload: z.unknown(),
});

export const serverMessageSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('result'),
    id: z.number().int(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: appErrorInfoSchema }),
    ]),
  }),
  z.object({ t: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** Largest message the server accepts from a client: requests are small, except a model zip upload (`models:deploy`). */
export const MAX_CLIENT_MESSAGE_BYTES = MAX_UPLOAD_BASE64_CHARS + 64 * 1024;

/**
 * The one typed API between the renderer and the services.
 *
 * `invoke` channels are request/response; `events` flow from main to the renderer.
 * Both transports (Electron IPC and the headless WebSocket) carry exactly this
 * contract, and main validates every request against it before a handler runs.
 */
import { z } from 'zod';
import {
  modelInfoSchema,
  noticeSchema,
  predictionSchema,
  spectrogramColumnsSchema,
  stationSchema,
  stationStatusSchema,
} from './domain.ts';

export const invokeContract = {
  'app:get-info': {
    request: z.object({}).strict(),
    response: z.object({
      version: z.string(),
      mode: z.enum(['desktop', 'headless']),
      dataDir: z.string(),
      startedAt: z.number(),
    }),
  },
  'stations:list': {
    request: z.object({}).strict(),
    response: z.array(stationSchema),
  },
  'stations:status': {
    request: z.object({}).strict(),
    response: z.array(stationStatusSchema),
  },
  'models:list': {
    request: z.object({}).strict(),
    response: z.array(modelInfoSchema),
  },
  'models:set-active': {
    request: z.object({ id: z.string(), version: z.string(), active: z.boolean() }).strict(),
    response: modelInfoSchema,
  },
  'predictions:recent': {
    request: z.object({ stationId: z.string(), limit: z.number().int().min(1).max(5000).default(200) }).strict(),
    response: z.array(predictionSchema),
  },
  'spectrogram:recent': {
    request: z.object({ stationId: z.string(), seconds: z.number().positive().max(3600).default(120) }).strict(),
    response: spectrogramColumnsSchema.nullable(),
  },
} as const;

export const eventContract = {
  'stations:status-changed': z.array(stationStatusSchema),
  'spectrogram:columns-added': spectrogramColumnsSchema,
  'predictions:added': z.array(predictionSchema),
  'models:changed': z.array(modelInfoSchema),
  'app:notice': noticeSchema,
  /** A command from the desktop application menu (Electron only; the browser UI has its own controls). */
  'menu:command': z.object({
    command: z.enum([
      'export:png',
      'export:csv',
      'settings:open',
      'view:live',
      'view:models',
      'view:map',
      'view:metrics',
      'view:sessions',
    ]),
  }),
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type EventChannel = keyof typeof eventContract;
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['request']>;
export type ParsedRequest<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['response']>;
export type EventPayload<E extends EventChannel> = z.infer<(typeof eventContract)[E]>;

export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[];
export const EVENT_CHANNELS = Object.keys(eventContract) as EventChannel[];

export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(invokeContract, name);
}

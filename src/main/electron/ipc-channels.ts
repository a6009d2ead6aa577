/**
 * The two Electron IPC channel names that carry the whole API.
 *
 * One invoke channel and one event channel, rather than one per contract channel,
 * keep the IPC surface fixed: the router decides what a channel name means.
 */

/** renderer → main: `invoke(API_INVOKE_CHANNEL, channel, payload)` resolves to a Result. */
export const API_INVOKE_CHANNEL = 'api:invoke';
/** main → renderer: `send(API_EVENT_CHANNEL, event, payload)`. */
export const API_EVENT_CHANNEL = 'api:event';

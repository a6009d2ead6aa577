/**
 * Which channels of a recording the analyst listens to: one channel, or all of them mixed to mono
 * (a hydrophone array's channels add up coherently for a near source). Pure helpers, tested in Node.
 */

/** One channel index, or 'mix' (every channel averaged). */
export type ChannelChoice = number | 'mix';

export const isChannelChoice = (v: unknown): v is ChannelChoice => v === 'mix' || (typeof v === 'number' && Number.isInteger(v) && v >= 0);

/** The channels to ask the server for (`export:wav`); a choice beyond the station's channels falls back to 0. */
export function channelsToRequest(choice: ChannelChoice, stationChannels: number): number[] {
  const n = Math.max(1, stationChannels);
  if (choice === 'mix') return Array.from({ length: n }, (_, i) => i);
  return [choice < n ? choice : 0];
}

/** The average of equally long channels (one channel is returned as is). */
export function mixDown(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]!;
  const out = new Float32Array(channels[0]?.length ?? 0);
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i]! += ch[i]!;
  const k = 1 / channels.length;
  for (let i = 0; i < out.length; i++) out[i]! *= k;
  return out;
}

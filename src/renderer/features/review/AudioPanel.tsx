/**
 * Listening to the selected span: play / stop at a chosen rate through an optional band-pass, and
 * download it as WAV. The audio is cut by the server from the cache: the chosen channel, or every
 * channel mixed to mono.
 */
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../app/api-context.tsx';
import { base64ToBytes } from '../../lib/base64.ts';
import { usePersistentState } from '../../lib/persistent-state.ts';
import { notifyError } from '../../state/notices-store.ts';
import { channelsToRequest, isChannelChoice, type ChannelChoice } from './audio-channels.ts';
import { SpanPlayer } from './audio-playback.ts';
import { exportWav } from './export-actions.ts';
import { useStation } from './use-station.ts';

const RATES = [0.5, 1, 2, 4, 8, 16] as const;
const isRate = (v: unknown): v is number => typeof v === 'number' && (RATES as readonly number[]).includes(v);
const isBand = (v: unknown): v is { on: boolean; low: number; high: number } =>
  typeof v === 'object' && v !== null && typeof (v as { low?: unknown }).low === 'number' && typeof (v as { high?: unknown }).high === 'number';

interface Props {
  readonly stationId: string | undefined;
  readonly span: { from: number; to: number } | undefined;
  /** Bumped by the keyboard (space) to toggle playback. */
  readonly toggle: number;
}

export function AudioPanel({ stationId, span, toggle }: Props) {
  const api = useApi();
  const player = useRef<SpanPlayer | undefined>(undefined);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = usePersistentState<number>('review.rate', 4, isRate);
  const [band, setBand] = usePersistentState('review.band', { on: false, low: 20, high: 500 }, isBand);
  const [channel, setChannel] = usePersistentState<ChannelChoice>('review.channel', 0, isChannelChoice);
  const stationChannels = useStation(stationId)?.channels ?? 1;
  const channels = channelsToRequest(channel, stationChannels);
  useEffect(() => () => player.current?.close(), []);

  const stop = () => {
    player.current?.stop();
    setPlaying(false);
  };
  const play = async () => {
    if (!stationId || !span) return;
    const r = await api.invoke('export:wav', { stationId, from: span.from, to: span.to, channels });
    if (!r.ok) return notifyError('Playing the span', r.error);
    player.current ??= new SpanPlayer();
    try {
      await player.current.play(base64ToBytes(r.value.base64).buffer as ArrayBuffer, { rate, ...(band.on ? { band } : {}) }, () => setPlaying(false));
      setPlaying(true);
    } catch (err) {
      notifyError('Playing the span', { code: 'INTERNAL', message: (err as Error).message });
    }
  };
  const latest = useRef({ play, stop, playing });
  latest.current = { play, stop, playing };
  useEffect(() => {
    if (toggle === 0) return;
    if (latest.current.playing) latest.current.stop();
    else void latest.current.play();
  }, [toggle]);

  return (
    <div className="review-audio">
      <button type="button" className="btn btn-small" data-testid="review-play" disabled={!span} onClick={() => (playing ? stop() : void play())}>
        {playing ? '■ stop' : '▶ play'}
      </button>
      <label className="field">
        <span>rate</span>
        <select className="select" value={rate} onChange={(e) => setRate(Number(e.target.value))}>
          {RATES.map((r) => <option key={r} value={r}>{r}×</option>)}
        </select>
      </label>
      <ChannelSelect value={channels.length > 1 ? 'mix' : channels[0]!} count={stationChannels} onChange={setChannel} />
      <label className="field" title="Band-pass before playback (Hz of the recording)">
        <input type="checkbox" checked={band.on} onChange={(e) => setBand({ ...band, on: e.target.checked })} />
        <span>band</span>
        <input className="select num" type="number" min={1} value={band.low} onChange={(e) => setBand({ ...band, low: e.target.valueAsNumber || 1 })} />
        <span>–</span>
        <input className="select num" type="number" min={2} value={band.high} onChange={(e) => setBand({ ...band, high: e.target.valueAsNumber || 2 })} />
        <span>Hz</span>
      </label>
      <button type="button" className="btn btn-small" data-testid="review-wav" disabled={!span} onClick={() => void exportWav(api, span, channels)}>
        WAV
      </button>
    </div>
  );
}

/** One channel of the station, or all of them mixed to mono (offered when there are several). */
function ChannelSelect({ value, count, onChange }: { value: ChannelChoice; count: number; onChange: (c: ChannelChoice) => void }) {
  return (
    <label className="field" title="Channel to play and save; mix = every channel averaged to mono">
      <span>channel</span>
      <select className="select" data-testid="review-channel" value={String(value)} onChange={(e) => onChange(e.target.value === 'mix' ? 'mix' : Number(e.target.value))}>
        {Array.from({ length: count }, (_, c) => <option key={c} value={c}>{c}</option>)}
        {count > 1 && <option value="mix">mix</option>}
      </select>
    </label>
  );
}

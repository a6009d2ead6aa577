/**
 * Reassembles multi-sentence AIS messages (e.g. type 5 spans two sentences).
 *
 * Fragments are grouped by (talker, channel, sequence id, total);
 * they may arrive out of order. A group that does not complete within `timeoutMs`,
 * or that is broken by a repeated fragment, is dropped and its fragments are counted
 * as orphans.
 */
import type { AisSentence } from './nmea.ts';

/** A complete AIS message payload with the sentences it came from. */
export interface AssembledPayload {
  payload: string;
  fillBits: number;
  sentences: AisSentence[];
  /** Time of the first fragment received (epoch ms). */
  firstAt: number;
}

/** Assembly options. */
export interface AssemblerOptions {
  /** Drop incomplete groups older than this (ms). Default 10 s. */
  timeoutMs?: number;
  /** Upper bound on simultaneously open groups; the oldest is dropped beyond it. Default 1000. */
  maxOpenGroups?: number;
}

interface OpenGroup {
  parts: (AisSentence | undefined)[];
  received: number;
  firstAt: number;
}

/** Stateful multi-sentence assembler. */
export class FragmentAssembler {
  /** Fragments dropped because their message never completed. */
  orphanFragments = 0;
  private readonly open = new Map<string, OpenGroup>();
  private readonly timeoutMs: number;
  private readonly maxOpenGroups: number;
  private nextSweepAt = Number.NEGATIVE_INFINITY;

  constructor(options: AssemblerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxOpenGroups = options.maxOpenGroups ?? 1000;
  }

  /** Number of incomplete messages waiting for fragments. */
  get pending(): number {
    return this.open.size;
  }

  /** Adds a sentence received at `now` (epoch ms); returns the payload when a message completes. */
  push(sentence: AisSentence, now: number): AssembledPayload | null {
    this.expire(now);
    if (sentence.total === 1) {
      return { payload: sentence.payload, fillBits: sentence.fillBits, sentences: [sentence], firstAt: now };
    }
    const key = groupKey(sentence);
    let group = this.open.get(key);
    if (group !== undefined && group.parts[sentence.fragment - 1] !== undefined) {
      // A repeated fragment number means a new message reused the sequence id.
      this.drop(key, group);
      group = undefined;
    }
    if (group === undefined) group = this.openGroup(key, sentence.total, now);
    group.parts[sentence.fragment - 1] = sentence;
    group.received++;
    if (group.received < sentence.total) return null;
    this.open.delete(key);
    return join(group);
  }

  /** Drops groups older than the timeout at `now`; returns how many fragments were dropped. */
  expire(now: number): number {
    if (now < this.nextSweepAt || this.open.size === 0) return 0;
    let dropped = 0;
    let oldest = Number.POSITIVE_INFINITY;
    for (const [key, group] of this.open) {
      if (now - group.firstAt > this.timeoutMs) dropped += this.drop(key, group);
      else oldest = Math.min(oldest, group.firstAt);
    }
    this.nextSweepAt = oldest + this.timeoutMs;
    return dropped;
  }

  /** Drops every open group (end of stream); returns how many fragments were dropped. */
  flush(): number {
    let dropped = 0;
    for (const [key, group] of this.open) dropped += this.drop(key, group);
    return dropped;
  }

  private openGroup(key: string, total: number, now: number): OpenGroup {
    if (this.open.size >= this.maxOpenGroups) {
      const [oldestKey, oldestGroup] = this.open.entries().next().value as [string, OpenGroup];
      this.drop(oldestKey, oldestGroup);
    }
    const group: OpenGroup = { parts: new Array<AisSentence | undefined>(total), received: 0, firstAt: now };
    this.open.set(key, group);
    this.nextSweepAt = Math.min(this.nextSweepAt, now + this.timeoutMs);
    return group;
  }

  private drop(key: string, group: OpenGroup): number {
    this.open.delete(key);
    this.orphanFragments += group.received;
    return group.received;
  }
}

/**
 * Fragments of one message share talker, channel, sequence id and count. The tag-block
 * source is not part of the key: NMEA 4.0 puts `s:` only on a group's first line.
 */
function groupKey(s: AisSentence): string {
  return `${s.talker}|${s.channel}|${s.sequenceId ?? ''}|${s.total}`;
}

function join(group: OpenGroup): AssembledPayload {
  const sentences = group.parts as AisSentence[];
  let payload = '';
  for (const part of sentences) payload += part.payload;
  return { payload, fillBits: sentences[sentences.length - 1].fillBits, sentences, firstAt: group.firstAt };
}

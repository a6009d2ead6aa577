/** `aiw ais decode` as a user runs it: JSON lines on stdout, counters on stderr, exit codes. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAiw } from '../helpers/run-aiw.ts';
import { REPO_ROOT, tempDir } from '../helpers/serve-process.ts';

const TAGGED = join(REPO_ROOT, 'test/fixtures/ais/libais/tagblock.nmea');

describe('aiw ais decode', () => {
  it('prints one JSON object per message with gpsd field names, scaled, sentinels as null', () => {
    const r = runAiw(['ais', 'decode', join(REPO_ROOT, 'test/fixtures/ais/pyais/nmea_data_sample.txt'), '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(778);
    expect(records[0]).toMatchObject({ class: 'AIS', type: 3, mmsi: 235070716, speed: 14.6, lat: 36.91043333333333, lon: 20.76000833333333, heading: 157 });
    expect(records.some((m) => m.type === 24 && typeof m.shipname === 'string')).toBe(true);
    expect(records[1].course).toBeNull();
    expect(r.stderr).toMatch(/"messages":778/);
  });

  it('reads gzip logs and tag-block times, and can print rejected lines', () => {
    const dir = tempDir('aiw-ais-cli-');
    const gz = join(dir, 'log.nmea.gz');
    writeFileSync(gz, gzipSync(readFileSync(TAGGED, 'utf8') + '!AIVDM,1,1,,A,garbage,0*00\n'));
    const r = runAiw(['ais', 'decode', gz, '--errors']);
    expect(r.code).toBe(0);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.some((m) => typeof m.receivedAt === 'number')).toBe(true);
    expect(records.at(-1)).toMatchObject({ class: 'ERROR', reason: 'bad-checksum' });
  });

  it('exits 1 for an unreadable file and 2 for a usage error', () => {
    expect(runAiw(['ais', 'decode', '/nonexistent/file.nmea']).code).toBe(1);
    expect(runAiw(['ais', 'decode', 'x', '--format', 'csv']).code).toBe(2);
    expect(runAiw(['ais', 'frobnicate']).code).toBe(2);
  });
});

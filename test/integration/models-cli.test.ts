/**
 * `aiw models …` and `aiw analyze` as an analyst uses them, on a real data folder: an external
 * PyTorch package deploys and shows MC uncertainty in analyze output; bad packages are refused
 * with a precise reason (exit 1); lifecycle actions are audited with the analyst's name; backfill
 * runs over cached audio; an ensemble deploys and reports its members' disagreement.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/shared/csv.ts';
import { writeWav } from '../../src/main/audio/wav-writer.ts';
import { openDatabase } from '../../src/main/storage/database.ts';
import { createRepositories } from '../../src/main/storage/repositories.ts';
import { fixtureDir } from '../fixtures/models/fixtures.ts';
import { runAiw } from '../helpers/run-aiw.ts';
import { tempDir } from '../helpers/serve-process.ts';
import { packageVariant } from '../helpers/test-registry.ts';
import { buildZip } from '../helpers/zip-writer.ts';

const TORCH = join(import.meta.dirname, '../fixtures/model-packages/torch-mc-cnn');
const CLIP = join(import.meta.dirname, '../../resources/demo/sanctsound/SanctSound_CI05_03_largeship_20190925T135956Z.wav');

let dataDir: string;
const aiw = (...args: string[]) => runAiw([...args, '--data-dir', dataDir]);

function zipFile(name: string, entries: Parameters<typeof buildZip>[0]): string {
  const path = join(tempDir('aiw-zip-'), name);
  writeFileSync(path, buildZip(entries));
  return path;
}

describe('aiw models', () => {
  beforeAll(() => {
    dataDir = tempDir('aiw-models-cli-');
  });

  it('deploys an external PyTorch package whose MC uncertainty appears in aiw analyze', () => {
    const deployed = aiw('models', 'deploy', TORCH, '--analyst', 'a.lee');
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(deployed.stdout).toMatch(/^deployed torch-mc-cnn 1\.0\.0 \(active\) by a\.lee\n {2}load \d+ ms, silence [\d.]+ ms, reference segment [\d.]+ ms \(30 passes\)/);
    const list = JSON.parse(aiw('models', 'list', '--json').stdout) as { id: string; status: string; deployedBy: string }[];
    expect(list.find((m) => m.id === 'torch-mc-cnn')).toMatchObject({ status: 'active', deployedBy: 'a.lee' });
    const analyzed = aiw('analyze', CLIP, '--model', 'torch-mc-cnn', '--format', 'jsonl');
    expect(analyzed.code, analyzed.stderr).toBe(0);
    const rows = analyzed.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, number | string>);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ model_id: 'torch-mc-cnn', model_version: '1.0.0', padded: true });
    expect(rows[0]!.epistemic as number).toBeGreaterThan(0);
    expect(rows[0]!.aleatoric as number).toBeGreaterThan(0);
  });

  it('deploys a zip of a new version beside the old one; activate --only keeps one', () => {
    const v2 = packageVariant(TORCH, (m) => {
      m.version = '1.1.0';
    });
    const files = ['model.json', 'model.onnx', 'MODEL_CARD.md'];
    const zip = zipFile('torch-1.1.0.zip', files.map((f) => ({ name: `torch-mc-cnn/${f}`, data: readFileSync(join(v2, f)) })));
    expect(aiw('models', 'deploy', zip, '--inactive').stdout).toMatch(/deployed torch-mc-cnn 1\.1\.0 \(inactive\)/);
    expect(aiw('models', 'activate', 'torch-mc-cnn', '--only', '--analyst', 'b.kim').stdout).toBe('torch-mc-cnn 1.1.0: active\n');
    const list = JSON.parse(aiw('models', 'list', '--json').stdout) as { id: string; version: string; status: string }[];
    expect(list.filter((m) => m.id === 'torch-mc-cnn').map((m) => `${m.version}:${m.status}`)).toEqual(['1.0.0:inactive', '1.1.0:active']);
    expect(aiw('models', 'retire', 'torch-mc-cnn', '--version', '1.0.0', '--analyst', 'b.kim').stdout).toBe('torch-mc-cnn 1.0.0: retired\n');
    const history = aiw('models', 'history', 'torch-mc-cnn').stdout.trim().split('\n');
    expect(history.map((l) => l.split(/\s+/).slice(1, 4).join(' '))).toEqual([
      'retired torch-mc-cnn 1.0.0', 'activated torch-mc-cnn 1.1.0', 'deactivated torch-mc-cnn 1.0.0',
      'deployed torch-mc-cnn 1.1.0', 'deployed torch-mc-cnn 1.0.0',
    ]);
    expect(history[0]).toMatch(/by b\.kim/);
  });

  it('refuses bad packages with a precise reason and exit code 1', () => {
    const cases: [string, RegExp][] = [
      [TORCH, /already deployed \(by a\.lee/],
      [zipFile('bomb.zip', [{ name: 'model.onnx', data: Buffer.alloc(8 * 1024 * 1024) }]), /looks like a zip bomb/],
      [zipFile('traversal.zip', [{ name: '../../model.json', data: '{}' }]), /unsafe entry name refused.*\.\.\/\.\.\/model\.json/],
      [zipFile('symlink.zip', [{ name: 'model.onnx', data: '/etc/passwd', mode: 0o120777, method: 'store' }]), /is a symlink/],
      [packageVariant(fixtureDir('tiny-logreg'), (m) => void (m.owner = 'x')), /model\.json: .*owner/],
      [fixtureDir('corrupt'), /could not load model\.onnx: Protobuf parsing failed/],
      [fixtureDir('bad-shape'), /expects \[N, 32\] but model\.json input\.shape \[64\]/],
      [fixtureDir('nan-model'), /dry run on silence: model returned NaN/],
    ];
    for (const [path, reason] of cases) {
      const r = aiw('models', 'deploy', path);
      expect(r.code, path).toBe(1);
      expect(r.stderr, path).toMatch(reason);
    }
    const sleepy = aiw('models', 'deploy', fixtureDir('sleepy-model'), '--timeout', '2');
    expect(sleepy.stderr).toMatch(/refused: sleepy-model@1\.0\.0: dry run on the reference segment .*no answer within 2000 ms/);
    const refusals = aiw('models', 'history', '--json');
    expect((JSON.parse(refusals.stdout) as { action: string }[]).filter((e) => e.action === 'deploy-refused')).toHaveLength(cases.length + 1);
  }, 60_000);

  it('backfills a model over cached audio', async () => {
    const t0 = Date.UTC(2025, 3, 1, 0, 0, 0);
    const wav = join(dataDir, 'cache', 'audio', 'rec.wav');
    await writeWav(wav, [Float32Array.from({ length: 8000 * 120 }, (_, i) => 0.1 * Math.sin(i / 7))], { sampleRate: 8000, encoding: 'pcm16' });
    const db = openDatabase(join(dataDir, 'aiw.db'));
    const repos = createRepositories(db);
    repos.stations.upsert({ id: 'site-a', name: 'Site A', kind: 'files', lat: 0, lon: 0, sampleRate: 8000, channels: 1 });
    repos.backfill.registerCached({ stationId: 'site-a', name: 'rec.wav', path: wav, bytes: 0, startTime: t0, durationMs: 120_000, sampleRate: 8000, channels: 1 });
    db.close();
    const r = aiw('models', 'backfill', 'torch-mc-cnn', '--station', 'site-a', '--from', new Date(t0).toISOString(), '--to', new Date(t0 + 120_000).toISOString());
    expect(r.code, r.stderr).toBe(0);
    // 120 s of audio, 30 s windows every 22.5 s → 5 segments
    expect(r.stdout).toMatch(/^done: 5\/5 segments, .* 5 predictions stored, 0 already predicted, 0 failed/);
  });

  it('deploys an ensemble whose members disagree (epistemic and per-class variance in analyze); a broken member refuses it', () => {
    const deployed = aiw('models', 'deploy', fixtureDir('tiny-ensemble'));
    expect(deployed.code, deployed.stderr).toBe(0);
    expect(deployed.stdout).toMatch(/^deployed tiny-ensemble 1\.0\.0 \(active\).*\(3 passes\)/s);
    const analyzed = aiw('analyze', CLIP, '--model', 'tiny-ensemble');
    expect(analyzed.code, analyzed.stderr).toBe(0);
    const [row, ...more] = parseCsv(analyzed.stdout);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ model_id: 'tiny-ensemble', padded: 'true' });
    expect(Number(row!.epistemic)).toBeGreaterThan(0);
    const variances = ['A', 'B', 'C', 'D', 'E'].map((c) => Number(row![`var_${c}`]));
    expect(variances.every((v) => v >= 0) && variances.some((v) => v > 0)).toBe(true);

    const broken = aiw('models', 'deploy', fixtureDir('broken-ensemble'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /broken-ensemble@1\.0\.0: member m3\.onnx: graph input "features" expects \[N, 32\] but model\.json input\.shape \[64\]/,
    );
    const list = JSON.parse(aiw('models', 'list', '--json').stdout) as { id: string; uncertainty: string; passes: number }[];
    expect(list.find((m) => m.id === 'tiny-ensemble')).toMatchObject({ uncertainty: 'ensemble', passes: 3 });
    expect(list.some((m) => m.id === 'broken-ensemble')).toBe(false);
  }, 60_000);
});

import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppError } from '../../shared/errors.ts';
import { checkFeatureShape, forwardPasses, loadModelPackage, manifestFeatureShape, parseManifest } from './model-package.ts';
import { fixtureDir, rejection, type FixtureName } from '../../../test/fixtures/models/fixtures.ts';

const scratch = mkdtempSync(join(tmpdir(), 'aiw-pkg-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** model.json as loose JSON, so tests can break it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Manifest = Record<string, any>;

let copies = 0;
/** A copy of a fixture (tiny-logreg by default) whose model.json has been edited by `edit`. */
function editedPackage(edit: (manifest: Manifest) => void, fixture: FixtureName = 'tiny-logreg'): string {
  const dir = join(scratch, `pkg${copies++}`);
  cpSync(fixtureDir(fixture), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  edit(manifest);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest));
  return dir;
}

function loadError(dir: string, maxOnnxBytes?: number): Promise<AppError> {
  return rejection(loadModelPackage(dir, { maxOnnxBytes }));
}

describe('loadModelPackage', () => {
  it('loads a valid package with defaults, card and sha256', async () => {
    const pkg = await loadModelPackage(fixtureDir('tiny-logreg'));
    const bytes = readFileSync(join(fixtureDir('tiny-logreg'), 'model.onnx'));
    expect(pkg.onnxSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(pkg.onnxBytes).toBe(bytes.length);
    expect(pkg.onnxPath).toBe(join(fixtureDir('tiny-logreg'), 'model.onnx'));
    expect(pkg.manifest.classes.map((c) => c.classId)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(pkg.manifest.uncertainty).toEqual({ method: 'none' });
    expect(pkg.card).toMatch(/^# tiny-logreg/);
  });

  it('leaves card undefined when MODEL_CARD.md is absent', async () => {
    const pkg = await loadModelPackage(fixtureDir('tiny-mc'));
    expect(pkg.card).toBeUndefined();
    expect(pkg.manifest.uncertainty).toMatchObject({ method: 'mc-dropout', passes: 30, rate: 0.5 });
  });

  it('names the missing model.json', async () => {
    const err = await loadError(scratch);
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toBe(`model.json: not found in ${scratch}`);
  });

  it('reports invalid JSON', async () => {
    const dir = editedPackage(() => {});
    writeFileSync(join(dir, 'model.json'), '{ "id": ');
    expect((await loadError(dir)).message).toMatch(/^model\.json: not valid JSON \(/);
  });

  it('turns zod issues into one message with paths', async () => {
    const dir = editedPackage((m) => {
      delete m.input.shape;
      m.classes[1].classId = 7;
      m.version = 'one';
    });
    const err = await loadError(dir);
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toMatch(/^model\.json: /);
    expect(err.message).toContain('version: semantic version, e.g. 1.0.0');
    expect(err.message).toContain('classes[1].classId: Invalid input: expected string, received number');
    expect(err.message).toContain('input.shape: Invalid input: expected array, received undefined');
  });

  it('rejects unknown fields', async () => {
    const dir = editedPackage((m) => {
      m.outptu = {};
    });
    expect((await loadError(dir)).message).toBe('model.json: (root): Unrecognized key: "outptu"');
  });

  it('refuses an ONNX path outside the package', async () => {
    const dir = editedPackage((m) => {
      m.onnx = '../tiny-mc/model.onnx';
    });
    expect((await loadError(dir)).message).toBe('model.json: onnx: "../tiny-mc/model.onnx" must be a file inside the package folder');
  });

  it('reports a missing ONNX file', async () => {
    const dir = editedPackage((m) => {
      m.onnx = 'weights.onnx';
    });
    expect((await loadError(dir)).message).toBe('weights.onnx: ONNX file not found in the package');
  });

  it('enforces the size limit with a clear message', async () => {
    const err = await loadError(fixtureDir('tiny-logreg'), 1024);
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toBe('model.onnx: 1.5 kB exceeds the 1.0 kB limit for a model');
  });

  it('catches duplicate class ids, unknown threshold keys and mask = feature input', async () => {
    const dup = editedPackage((m) => {
      m.classes[4].classId = 'A';
    });
    expect((await loadError(dup)).message).toBe('model.json: classes: class id "A" is mapped twice');
    const thr = editedPackage((m) => {
      m.thresholds = { Z: 0.5 };
    });
    expect((await loadError(thr)).message).toBe('model.json: thresholds.Z: not one of the class ids A, B, C, D, E');
    const mask = editedPackage((m) => {
      m.uncertainty = { method: 'mc-dropout', passes: 4, maskInput: 'features', maskShape: [64], rate: 0.2 };
    });
    expect((await loadError(mask)).message).toBe('model.json: uncertainty.maskInput: "features" is also the feature input');
  });
});

describe('loadModelPackage with an ensemble', () => {
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  const ensembleError = (edit: (m: Manifest) => void) => loadError(editedPackage(edit, 'tiny-ensemble'));

  it('lists the members in order, with one identity and size for all of them', async () => {
    const pkg = await loadModelPackage(fixtureDir('tiny-ensemble'));
    const paths = ['m1.onnx', 'm2.onnx', 'm3.onnx'].map((f) => join(fixtureDir('tiny-ensemble'), f));
    expect(pkg.graphs.map((g) => g.name)).toEqual(['m1.onnx', 'm2.onnx', 'm3.onnx']);
    expect(pkg.graphs.map((g) => g.sha256)).toEqual(paths.map(sha));
    expect(pkg.onnxPath).toBe(paths[0]);
    expect(pkg.onnxBytes).toBe(paths.reduce((n, p) => n + readFileSync(p).length, 0));
    const lines = pkg.graphs.map((g) => `${g.name} ${g.sha256}\n`).join('');
    expect(pkg.onnxSha256).toBe(createHash('sha256').update(lines).digest('hex'));
    expect(forwardPasses(pkg.manifest)).toBe(3);
  });

  it('changes its identity when any member changes', async () => {
    const dir = editedPackage(() => {}, 'tiny-ensemble');
    const before = (await loadModelPackage(dir)).onnxSha256;
    cpSync(join(fixtureDir('tiny-logreg'), 'model.onnx'), join(dir, 'm3.onnx'));
    expect((await loadModelPackage(dir)).onnxSha256).not.toBe(before);
  });

  it('refuses members outside the package, missing, listed twice, identical, or too large together', async () => {
    expect((await ensembleError((m) => void (m.uncertainty.members[1] = '../m2.onnx'))).message)
      .toBe('model.json: uncertainty.members[1]: "../m2.onnx" must be a file inside the package folder');
    expect((await ensembleError((m) => void (m.uncertainty.members[2] = 'm4.onnx'))).message).toBe('m4.onnx: ONNX file not found in the package');
    expect((await ensembleError((m) => void (m.uncertainty.members[2] = 'm1.onnx'))).message)
      .toBe('model.json: uncertainty.members: "m1.onnx" is listed twice');
    const twin = editedPackage(() => {}, 'tiny-ensemble');
    cpSync(join(twin, 'm1.onnx'), join(twin, 'm3.onnx'));
    expect((await loadError(twin)).message)
      .toBe('model.json: uncertainty.members: m1.onnx and m3.onnx are the same graph (identical bytes); ensemble members need different weights');
    // Each member fits 2 kB, the three together (4.6 kB) do not.
    expect((await loadError(fixtureDir('tiny-ensemble'), 2048)).message)
      .toBe('model.json: uncertainty.members: together 4.6 kB, more than the 2.0 kB limit for a model');
  });

  it('refuses a bare member count, a single member, and an `onnx` field it would ignore', async () => {
    expect((await ensembleError((m) => void (m.uncertainty.members = 3))).message)
      .toBe('model.json: uncertainty.members: name the 3 member ONNX files, e.g. ["m1.onnx", "m2.onnx"]; a count is not enough');
    expect((await ensembleError((m) => void (m.uncertainty.members = ['m1.onnx']))).message)
      .toBe('model.json: uncertainty.members: Too small: expected array to have >=2 items');
    expect((await ensembleError((m) => void (m.uncertainty.members = 'm1.onnx'))).message)
      .toBe('model.json: uncertainty.members: expected a list of member ONNX file names, e.g. ["m1.onnx", "m2.onnx"]');
    expect((await ensembleError((m) => void (m.onnx = 'm1.onnx'))).message)
      .toBe('model.json: onnx: an ensemble lists its graphs in uncertainty.members; remove "onnx"');
  });
});

describe('checkFeatureShape', () => {
  const manifest = parseManifest(readFileSync(join(fixtureDir('tiny-logreg'), 'model.json'), 'utf8'));

  it('uses the DSP featureShape by default: BASELINE_FEATURE pools to 64 values', () => {
    expect(manifestFeatureShape(manifest)).toEqual([64]);
    expect(() => checkFeatureShape(manifest)).not.toThrow();
    const channelsFirst = { ...manifest, input: { ...manifest.input, layout: 'channels-first' as const } };
    expect(() => checkFeatureShape(channelsFirst)).toThrow('model.json: input.shape is [64] but the feature spec produces [1, 64]');
  });

  it('refuses a package whose shape contradicts its feature spec', async () => {
    const dir = editedPackage((m) => {
      m.input.feature = { kind: 'waveform' };
    });
    expect((await loadError(dir)).message).toBe('model.json: input.shape is [64] but the feature spec produces [240000]');
  });

  it('accepts a matching shape', () => {
    expect(() => checkFeatureShape(manifest, () => [64])).not.toThrow();
  });

  it('names both shapes on a mismatch', () => {
    expect(() => checkFeatureShape(manifest, () => [1, 160, 128])).toThrow(
      'model.json: input.shape is [64] but the feature spec produces [1, 160, 128]',
    );
  });

  it('wraps a feature spec the DSP cannot compute', () => {
    expect(() =>
      checkFeatureShape(manifest, () => {
        throw new Error('fMax above Nyquist');
      }),
    ).toThrow('model.json: input.feature: fMax above Nyquist');
  });
});

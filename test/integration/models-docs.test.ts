/**
 * docs/model-package.md stays true to the committed external test package: its model.json is the
 * torch-mc-cnn manifest, its PyTorch example is the code of make_torch_mc_cnn.py (and, where the same
 * PyTorch is installed, running it reproduces the committed ONNX file byte for byte), and the Keras
 * example, which cannot be run here, says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/serve-process.ts';

const DOC = readFileSync(join(REPO_ROOT, 'docs/model-package.md'), 'utf8');
const PACKAGES = join(REPO_ROOT, 'test/fixtures/model-packages');
const GENERATOR = readFileSync(join(PACKAGES, 'make_torch_mc_cnn.py'), 'utf8');

/** The first fenced block of `language` after `heading`. */
function codeBlock(heading: string, language: string): string {
  const section = DOC.indexOf(heading);
  expect(section, heading).toBeGreaterThanOrEqual(0);
  const start = DOC.indexOf(`\`\`\`${language}\n`, section) + language.length + 4;
  return DOC.slice(start, DOC.indexOf('```', start));
}

/** The installed PyTorch version (Debian's python3-torch), or undefined. */
function torchVersion(): string | undefined {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

describe('docs/model-package.md', () => {
  it('shows the torch-mc-cnn manifest as its model.json', () => {
    const shown = JSON.parse(codeBlock('## model.json', 'json')) as unknown;
    expect(shown).toEqual(JSON.parse(readFileSync(join(PACKAGES, 'torch-mc-cnn/model.json'), 'utf8')));
  });

  it('shows the generator’s own code as the PyTorch example, in the generator’s order', () => {
    const chunks = codeBlock('## Worked example: PyTorch', 'python').split(/\n\s*\n/).map((c) => c.trim()).filter(Boolean);
    expect(chunks.join('\n')).toMatch(/class McCnn\(nn\.Module\)[\s\S]*def build\([\s\S]*def export\(model\)[\s\S]*torch\.onnx\.export\(/);
    let from = 0;
    for (const chunk of chunks) {
      const at = GENERATOR.indexOf(chunk, from);
      expect(at, `not in make_torch_mc_cnn.py (after offset ${from}):\n${chunk}`).toBeGreaterThanOrEqual(0);
      from = at + chunk.length;
    }
  });

  it('reproduces the committed torch-mc-cnn model.onnx when its PyTorch example is run', (context) => {
    const installed = torchVersion();
    const card = readFileSync(join(PACKAGES, 'torch-mc-cnn/MODEL_CARD.md'), 'utf8');
    const made = /\(PyTorch ([^,]+),/.exec(card)?.[1];
    if (installed === undefined || installed !== made) {
      process.stderr.write(`models-docs: running the PyTorch example skipped — needs /usr/bin/python3 with PyTorch ${made} (found ${installed ?? 'none'})\n`);
      context.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'aiw-doc-torch-'));
    writeFileSync(join(dir, 'example.py'), `${codeBlock('## Worked example: PyTorch', 'python')}\nexport(build())\n`);
    const r = spawnSync('/usr/bin/python3', [join(dir, 'example.py')], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'torch-mc-cnn/model.onnx')).equals(readFileSync(join(PACKAGES, 'torch-mc-cnn/model.onnx')))).toBe(true);
  }, 120_000);

  it('labels the Keras example as untested here', () => {
    expect(DOC).toMatch(/## Worked example: Keras \(tf2onnx\) — not tested here\n\n> \*\*Untested\.\*\*/);
  });
});

/**
 * `aiw analyze <files...>`: offline analysis of recordings with the deployed models
 * (all active ones by default, or one chosen by id or package folder). A file that
 * cannot be read is reported and skipped; the exit code is 1 if any file failed.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError, toAppError } from '../../../shared/errors.ts';
import type { ModelManifest } from '../../../shared/model-manifest.ts';
import { createContainer, type AppContainer } from '../../app/container.ts';
import { loadModelPackage, type ModelPackage } from '../../inference/model-package.ts';
import { planFeatures } from '../../pipeline/feature-plan.ts';
import { parseCommand, printHelp, UsageError } from '../args.ts';
import { analyzeFile } from '../file-analysis.ts';
import { createRowWriter } from '../row-writer.ts';

const USAGE = `usage: aiw analyze <files...> [--model ID|DIR] [--format csv|jsonl] [--out FILE] [--data-dir DIR]
  --model ID|DIR  run one model: a deployed model id, or a model package folder (default: every active model)
  --format F      csv (default) or jsonl
  --out FILE      write rows to FILE instead of stdout`;

export async function analyzeCommand(argv: string[]): Promise<number> {
  const { values, positionals: files, dataDir } = parseCommand(
    argv,
    { model: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    USAGE,
  );
  if (values.help) return printHelp(USAGE);
  if (!files.length) throw new UsageError(`no input files\n\n${USAGE}`);
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--format must be csv or jsonl, got "${format}"`);
  const container = await createContainer({ dataDir, mode: 'cli', live: false });
  try {
    await container.deployBundledModels();
    const packages = await choosePackages(container, values.model);
    for (const pkg of packages) await container.inference.activate(pkg);
    return await analyzeFiles(container, files, packages.map((p) => p.manifest), format, values.out);
  } finally {
    await container.stop();
  }
}

async function choosePackages(container: AppContainer, model: string | undefined): Promise<ModelPackage[]> {
  const deployed = container.repos.models.list();
  if (model === undefined) {
    const active = deployed.filter((m) => m.status === 'active');
    if (!active.length) throw new AppError('NOT_FOUND', 'no active models; deploy one or pass --model');
    return Promise.all(active.map((m) => loadModelPackage(m.dir)));
  }
  if (existsSync(model)) return [await loadModelPackage(model)];
  const byId = deployed.filter((m) => m.id === model && m.status !== 'retired');
  if (!byId.length) throw new AppError('NOT_FOUND', `no deployed model "${model}" and no package folder of that name`);
  return [await loadModelPackage(byId.at(-1)!.dir)];
}

async function analyzeFiles(
  container: AppContainer,
  files: string[],
  manifests: ModelManifest[],
  format: 'csv' | 'jsonl',
  out: string | undefined,
): Promise<number> {
  const classIds = [...new Set(manifests.flatMap((m) => m.classes.map((c) => c.classId)))].sort();
  const writer = createRowWriter(format, classIds, out);
  const groups = planFeatures(manifests);
  const infer = container.inference.infer.bind(container.inference);
  let failed = 0;
  for (const [i, file] of files.entries()) {
    const tag = `[${i + 1}/${files.length}] ${basename(file)}`;
    try {
      const result = await analyzeFile(file, groups, manifests, infer, (row) => writer.write(row));
      const warned = new Set<string>();
      for (const f of result.failures) {
        const key = `${f.modelId}:${f.message}`;
        if (!warned.has(key)) process.stderr.write(`aiw analyze: ${tag}: model ${f.modelId}: ${f.message} [${f.code}]\n`);
        warned.add(key);
      }
      const when = result.startTimeSource === 'modification time' ? ' (start time from file modification time)' : '';
      process.stderr.write(`aiw analyze: ${tag}: ${result.segments} segment(s)${when}\n`);
    } catch (err) {
      failed++;
      const e = toAppError(err, 'AUDIO_UNREADABLE');
      process.stderr.write(`aiw analyze: ${tag}: FAILED: ${e.message} [${e.code}]\n`);
    }
  }
  await writer.close();
  if (failed) process.stderr.write(`aiw analyze: ${failed} of ${files.length} file(s) failed\n`);
  return failed ? 1 : 0;
}

/**
 * Worker thread: renders and featurises the scenarios of one share of the seeds (see dataset.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { demoSimSource, featurizeRendered, type SimJob, type WorkerMessage } from './dataset.ts';
import { scenarioExamples, type TruthLog } from './sim-dataset.ts';

function post(msg: WorkerMessage): void {
  parentPort?.postMessage(msg);
}

const job = workerData as SimJob;
try {
  for (const seed of job.seeds) {
    const log: TruthLog = [];
    const examples = scenarioExamples(demoSimSource(seed, job.channels ?? 1), job.plan, seed, (audio) => featurizeRendered(audio, job.request), log);
    post({ type: 'scenario', seed, examples, log });
  }
  post({ type: 'done' });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}

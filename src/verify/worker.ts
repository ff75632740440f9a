// A worker thread of a cohort run: verifies the portfolios it is sent, one at a
// time, and sends back only what the output needs (its summary row and its part
// of the report, already formatted), never the report itself.
import { parentPort } from 'node:worker_threads';
import { loadProgramme } from '../programme/load.js';
import { verifyPortfolio, type VerifyOptions } from './verify.js';
import { formatPart, type PartFormat } from './format.js';

export interface Job {
  index: number;
  root: string;
  shown: string;
  options: VerifyOptions;
  format: PartFormat;
}

const cat = loadProgramme();
parentPort?.on('message', (job: Job) => {
  try {
    const report = verifyPortfolio(job.root, cat, job.options, job.shown);
    parentPort!.postMessage({ index: job.index, ...formatPart(report, job.format) });
  } catch (err) {
    parentPort!.postMessage({ index: job.index, error: err instanceof Error ? err.message : String(err) });
  }
});
// Jobs come once the modules and the programme are loaded: until then the main thread does them.
parentPort?.postMessage({ ready: true });

// A worker thread of a cohort's verify: verifies the portfolios it is sent and
// sends back each report, without the portfolio as read (only render wants it).
import { parentPort } from 'node:worker_threads';
import { loadProgramme } from '../programme/load.js';
import { verifyPortfolio, type PortfolioReport, type VerifyOptions } from './verify.js';

export interface Job {
  index: number;
  root: string;
  shown: string;
  options: VerifyOptions;
}

export type Reply = { ready: true } | { index: number; report: PortfolioReport } | { index: number; error: string };

const cat = loadProgramme();
parentPort?.on('message', (job: Job) => {
  let reply: Reply;
  try {
    const { portfolio: _read, ...report } = verifyPortfolio(job.root, cat, job.options, job.shown);
    reply = { index: job.index, report };
  } catch (err) {
    reply = { index: job.index, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
// Jobs are sent once the modules and the programme are loaded; until then the main thread does them.
parentPort?.postMessage({ ready: true } satisfies Reply);

// Many portfolios: verified in order of the list, on worker threads when there
// are enough of them to be worth it, with a bounded number in flight, so memory
// stays that of a few portfolios plus what has been reported.
import type { Worker } from 'node:worker_threads';
import type { Catalogue } from '../programme/load.js';
import { verifyPortfolio, type VerifyOptions } from './verify.js';
import { formatPart, type PartFormat, type SummaryRow } from './format.js';
import type { Job } from './worker.js';
import type { ChalkInstance } from 'chalk';

export interface Target {
  root: string;
  shown: string;
}

export type Outcome = { row: SummaryRow; part: string } | { error: string };

/** Below this many portfolios, starting workers costs more than it saves. */
const WORKERS_FROM = 12;
const MAX_WORKERS = 4;
/** Jobs queued on each worker, so none waits for the next one to arrive. */
const PER_WORKER = 2;

/**
 * Worker threads to use: PERMANENCE_WORKERS when set (0 for none), otherwise
 * one per core, up to four (on two cores, measured on a cohort of 1,000:
 * 13.7 s in one thread, 8.8 s on two workers).
 */
export function workerCount(env: NodeJS.ProcessEnv, cores: number): number {
  const forced = env.PERMANENCE_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), MAX_WORKERS);
  return cores >= 2 ? Math.min(cores, MAX_WORKERS) : 0;
}

export async function* verifyEach(cat: Catalogue, targets: Target[], options: VerifyOptions, format: PartFormat, style: ChalkInstance, env: NodeJS.ProcessEnv = process.env): AsyncGenerator<Outcome> {
  // Threads (and the modules for them) only for a cohort large enough to gain.
  const threads = targets.length < WORKERS_FROM ? 0 : Math.min(workerCount(env, (await import('node:os')).availableParallelism()), targets.length);
  // Compiled code only: under the test runner this module is TypeScript, and runs in one thread.
  // Coloured text stays in this thread, where the terminal is.
  if (threads < 1 || format === 'text-colour' || !import.meta.url.endsWith('.js')) {
    for (const t of targets) {
      try {
        yield formatPart(verifyPortfolio(t.root, cat, options, t.shown), format, style);
      } catch (err) {
        yield { error: err instanceof Error ? err.message : String(err) };
      }
    }
    return;
  }

  const { Worker: WorkerThread } = await import('node:worker_threads');
  const workerUrl = new URL('./worker.js', import.meta.url);
  const workers: Worker[] = Array.from({ length: threads }, () => new WorkerThread(workerUrl));
  const done = new Map<number, Outcome>();
  let next = 0;
  let wake: (() => void) | undefined;
  const inFlight = new Map<Worker, number>();
  const send = (w: Worker) => {
    while (next < targets.length && (inFlight.get(w) ?? 0) < PER_WORKER) {
      const t = targets[next]!;
      w.postMessage({ index: next, root: t.root, shown: t.shown, options, format } satisfies Job);
      inFlight.set(w, (inFlight.get(w) ?? 0) + 1);
      next++;
    }
  };
  for (const w of workers) {
    w.on('message', (m: { index: number; row?: SummaryRow; part?: string; error?: string }) => {
      done.set(m.index, m.row && m.part !== undefined ? { row: m.row, part: m.part } : { error: m.error ?? 'unknown error' });
      inFlight.set(w, (inFlight.get(w) ?? 1) - 1);
      send(w);
      wake?.();
    });
    w.on('error', (err) => {
      // A worker that dies takes its jobs with it: report them, never hang.
      for (let i = 0; i < targets.length; i++) if (!done.has(i) && i < next) done.set(i, { error: `verification stopped: ${err.message}` });
      wake?.();
    });
    send(w);
  }
  try {
    for (let i = 0; i < targets.length; i++) {
      while (!done.has(i)) await new Promise<void>((r) => (wake = r));
      const outcome = done.get(i)!;
      done.delete(i);
      yield outcome;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

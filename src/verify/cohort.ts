// Many portfolios: verified in order of the list, on worker threads when there
// are enough of them to be worth it, with a bounded number in flight, so memory
// stays that of a few portfolios plus what has been reported.
import { existsSync } from 'node:fs';
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
const MAX_THREADS = 4;
/**
 * Jobs queued on each worker, so none waits for the next one to arrive: the
 * main thread hands out more only between its own portfolios (four measured
 * a little faster than two on a cohort of 1,000).
 */
const PER_WORKER = 4;
/** How far past the next report to be written any thread may work: what is held in memory at most. */
const AHEAD = 32;
/** With PERMANENCE_WORK_HERE=0, how long to wait for a worker to be ready before working here after all. */
const READY_WITHIN_MS = 30_000;

/**
 * The worker threads to start besides this one: PERMANENCE_WORKERS when set
 * (0 for none), otherwise one fewer than the cores, up to three (one thread
 * per core in all, at most four).
 */
export function workerCount(env: NodeJS.ProcessEnv, cores: number): number {
  const forced = env.PERMANENCE_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), MAX_THREADS - 1);
  return Math.max(0, Math.min(cores, MAX_THREADS) - 1);
}

export async function* verifyEach(cat: Catalogue, targets: Target[], options: VerifyOptions, format: PartFormat, style: ChalkInstance, env: NodeJS.ProcessEnv = process.env): AsyncGenerator<Outcome> {
  const here = (t: Target): Outcome => {
    try {
      return formatPart(verifyPortfolio(t.root, cat, options, t.shown), format, style);
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  };
  // Threads (and the modules for them) only for a cohort large enough to gain.
  const helpers = targets.length < WORKERS_FROM ? 0 : workerCount(env, (await import('node:os')).availableParallelism());
  // Compiled code only: under the test runner this module is TypeScript, and runs in one thread.
  // Coloured text stays in this thread, where the terminal is.
  if (helpers < 1 || format === 'text-colour' || !import.meta.url.endsWith('.js')) {
    for (const t of targets) yield here(t);
    return;
  }

  // This thread verifies too, between handling the workers' results: it is
  // ready at once, while a worker takes a while to load, and on two cores one
  // worker beside it keeps both busy.
  const { Worker: WorkerThread } = await import('node:worker_threads');
  // The worker bundled into one file (src/build/bundle.ts) starts sooner than its two dozen modules.
  const bundled = new URL('./worker.cjs', import.meta.url);
  const workerUrl = existsSync(bundled) ? bundled : new URL('./worker.js', import.meta.url);
  const done = new Map<number, Outcome>();
  /** Jobs sent to each worker and not yet answered; a worker gets jobs once it says it is ready. */
  const jobs = new Map<Worker, Set<number>>();
  let next = 0;
  let written = 0;
  /** Jobs a worker that died had not started: done again, before any new one. */
  const again: number[] = [];
  const take = (): number | undefined => (again.length > 0 ? again.shift() : next < targets.length && next < written + AHEAD ? next++ : undefined);
  let wake: (() => void) | undefined;
  const send = (w: Worker) => {
    const mine = jobs.get(w);
    while (mine && mine.size < PER_WORKER) {
      const j = take();
      if (j === undefined) break;
      const t = targets[j]!;
      w.postMessage({ index: j, root: t.root, shown: t.shown, options, format } satisfies Job);
      mine.add(j);
    }
  };
  const workers: Worker[] = Array.from({ length: helpers }, () => new WorkerThread(workerUrl));
  const alive = new Set(workers);
  const lost = (w: Worker, why: string) => {
    // A worker that dies was on the first of its jobs still held (it takes them
    // in the order sent, which a Set keeps; after a retry that is not the order
    // of their numbers): that portfolio is reported, the others it held are done
    // again elsewhere, and the run goes on without it.
    const held = [...(jobs.get(w) ?? [])];
    if (held.length > 0) done.set(held[0]!, { error: `verification stopped: ${why}` });
    again.push(...held.slice(1));
    again.sort((a, b) => a - b);
    jobs.delete(w);
    alive.delete(w);
    for (const other of jobs.keys()) send(other);
    wake?.();
  };
  // PERMANENCE_WORK_HERE=0 leaves every job to the workers, for testing them:
  // while any is alive, and not for ever if none becomes ready.
  const started = Date.now();
  const workHere = () => env.PERMANENCE_WORK_HERE !== '0' || alive.size === 0 || (jobs.size === 0 && Date.now() - started > READY_WITHIN_MS);
  const giveUp = setTimeout(() => wake?.(), READY_WITHIN_MS + 10);
  giveUp.unref();
  for (const w of workers) {
    w.on('message', (m: { ready?: true; index: number; row?: SummaryRow; part?: string; error?: string }) => {
      if (m.ready) jobs.set(w, new Set());
      else {
        done.set(m.index, m.row && m.part !== undefined ? { row: m.row, part: m.part } : { error: m.error ?? 'unknown error' });
        jobs.get(w)?.delete(m.index);
      }
      send(w);
      wake?.();
    });
    w.on('error', (err: unknown) => lost(w, err instanceof Error ? err.message : String(err)));
    w.on('exit', (code) => lost(w, `the worker thread exited (${code})`));
  }
  try {
    for (let i = 0; i < targets.length; i++) {
      while (!done.has(i)) {
        const j = workHere() ? take() : undefined;
        if (j !== undefined) {
          done.set(j, here(targets[j]!));
          // Let the workers' results in (and send them more) before the next one here.
          await new Promise<void>((r) => setImmediate(r));
        } else {
          await new Promise<void>((r) => (wake = r));
        }
      }
      const outcome = done.get(i)!;
      done.delete(i);
      written = i + 1;
      for (const w of jobs.keys()) send(w);
      yield outcome;
    }
  } finally {
    clearTimeout(giveUp);
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

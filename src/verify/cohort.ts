// Many portfolios, verified and handed on in the order of the list. A large
// cohort is shared with worker threads; each report is let go once handed on,
// and only so many are made ahead of the next one due, so memory stays that
// of a few portfolios plus what has been reported.
import type { Worker } from 'node:worker_threads';
import type { Catalogue } from '../programme/load.js';
import { verifyPortfolio, type PortfolioReport, type VerifyOptions } from './verify.js';
import type { Job, Reply } from './worker.js';

export interface Target {
  root: string;
  shown: string;
}

export type Outcome = { report: PortfolioReport } | { error: string };

function here(cat: Catalogue, t: Target, options: VerifyOptions): Outcome {
  try {
    return { report: verifyPortfolio(t.root, cat, options, t.shown) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** One after another in this thread. */
export function* verifyEach(cat: Catalogue, targets: Target[], options: VerifyOptions): Generator<Outcome> {
  for (const t of targets) yield here(cat, t, options);
}

/** Below this many portfolios a worker is still loading when this thread has done them all. */
const WORKERS_FROM = 100;
/** Jobs waiting on each worker, so it never idles while this thread is busy with one of its own. */
const PER_WORKER = 4;
/** How far past the next report to be handed on any thread may work. */
const AHEAD = 32;

/**
 * The worker threads beside this one: PERMANENCE_WORKERS when it is a number
 * (0 for none, and then for any cohort), otherwise one fewer than the cores,
 * up to three, for a cohort of WORKERS_FROM or more.
 */
export function workerCount(env: NodeJS.ProcessEnv, cores: number, portfolios: number): number {
  const asked = env.PERMANENCE_WORKERS;
  if (asked !== undefined && /^\d+$/.test(asked)) return Math.min(Number(asked), 8);
  return portfolios < WORKERS_FROM ? 0 : Math.max(0, Math.min(cores, 4) - 1);
}

/**
 * Every target's outcome, in order. This thread verifies too, between the
 * workers' replies: it is ready at once, while a worker takes a while to
 * load. A worker that stops leaves the jobs it held to the others.
 */
export async function* verifyAll(cat: Catalogue, targets: Target[], options: VerifyOptions, env: NodeJS.ProcessEnv): AsyncGenerator<Outcome> {
  const helpers = options.bundle ? 0 : workerCount(env, (await import('node:os')).availableParallelism(), targets.length);
  if (helpers === 0) {
    yield* verifyEach(cat, targets, options);
    return;
  }
  const { Worker: Thread } = await import('node:worker_threads');
  // The compiled worker, from src/ (under the test runner) as from dist/: both are two folders down.
  const url = new URL('../../dist/verify/worker.js', import.meta.url);
  const done = new Map<number, Outcome>();
  const held = new Map<Worker, Set<number>>();
  const again: number[] = [];
  let next = 0;
  let due = 0;
  let wake: (() => void) | undefined;
  const take = (): number | undefined => (again.length > 0 ? again.shift() : next < targets.length && next < due + AHEAD ? next++ : undefined);
  const send = (w: Worker) => {
    const mine = held.get(w);
    for (let j = mine && mine.size < PER_WORKER ? take() : undefined; j !== undefined; j = mine!.size < PER_WORKER ? take() : undefined) {
      w.postMessage({ index: j, root: targets[j]!.root, shown: targets[j]!.shown, options } satisfies Job);
      mine!.add(j);
    }
  };
  const workers = Array.from({ length: helpers }, () => new Thread(url));
  const lost = (w: Worker) => {
    // Its unanswered jobs are done again, here or by another worker.
    again.push(...(held.get(w) ?? []));
    again.sort((a, b) => a - b);
    held.delete(w);
    wake?.();
  };
  for (const w of workers) {
    w.on('message', (m: Reply) => {
      if ('ready' in m) held.set(w, new Set());
      else {
        done.set(m.index, 'error' in m ? { error: m.error } : { report: m.report });
        held.get(w)?.delete(m.index);
      }
      send(w);
      wake?.();
    });
    w.on('error', () => lost(w));
    w.on('exit', () => lost(w));
  }
  try {
    for (; due < targets.length; due++) {
      while (!done.has(due)) {
        const j = take();
        if (j !== undefined) {
          done.set(j, here(cat, targets[j]!, options));
          // The workers' replies are let in (and they are sent more) between this thread's own.
          await new Promise<void>((r) => setImmediate(r));
        } else await new Promise<void>((r) => (wake = r));
      }
      const outcome = done.get(due)!;
      done.delete(due);
      for (const w of held.keys()) send(w);
      yield outcome;
    }
  } finally {
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

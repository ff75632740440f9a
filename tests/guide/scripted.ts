// Test helpers for the guided flows: a Prompter that plays a script and fails
// loudly on any question it did not expect (and on answers left over), an IO
// that captures output, and a fresh portfolio to write into.
import { join } from 'node:path';
import { expect } from 'vitest';
import { init } from '../../src/commands/init.js';
import type { IO } from '../../src/ui/io.js';
import { PromptCancelled, type Choice, type Prompter } from '../../src/ui/prompts.js';
import { CancelledWhileTyping } from '../../src/ui/multiline.js';
import { tmp } from '../helpers.js';

/** Answer a question with Ctrl-C. */
export const CTRL_C = Symbol('Ctrl-C');
/** Ctrl-C in the terminal entry with this text typed. */
export const ctrlCWhileTyping = (text: string) => ({ [CTRL_C]: text });

type Match = string | RegExp;
export type Step =
  | { input: Match; answer: string | typeof CTRL_C }
  | { confirm: Match; answer: boolean | typeof CTRL_C }
  | { select: Match; answer: unknown }
  | { checkbox: Match; answer: unknown[] }
  | { multiline: Match; answer: string | typeof CTRL_C | { [CTRL_C]: string } };

type Kind = 'input' | 'confirm' | 'select' | 'checkbox' | 'multiline';

export interface Asked {
  kind: Kind;
  message: string;
  default?: unknown;
  choices?: Choice<unknown>[];
}

export interface ScriptedPrompter extends Prompter {
  asked: Asked[];
  /** Fails when the script has answers the flow never asked for. */
  done(): void;
}

const kindOf = (s: Step): Kind => (['input', 'confirm', 'select', 'checkbox', 'multiline'] as const).find((k) => k in s)!;
const show = (s: Step) => `${kindOf(s)} ${String((s as Record<string, unknown>)[kindOf(s)])}`;
const matches = (m: Match, text: string) => (typeof m === 'string' ? text.includes(m) : m.test(text));

/**
 * A Prompter that answers from `steps`, in order. `multiline: false` leaves out
 * the multi-line method (the flows then ask line by line through input()).
 */
export function scriptedPrompter(steps: Step[], options: { multiline?: boolean } = {}): ScriptedPrompter {
  const queue = [...steps];
  const asked: Asked[] = [];
  const next = (kind: Kind, message: string, q: { default?: unknown; choices?: Choice<unknown>[] }): Step => {
    asked.push({ kind, message, ...('default' in q ? { default: q.default } : {}), ...(q.choices ? { choices: q.choices } : {}) });
    const step = queue.shift();
    if (!step) throw new Error(`Unexpected question (the script has no more answers): ${kind} "${message}"`);
    const k = kindOf(step);
    const m = (step as Record<string, unknown>)[k] as Match;
    if (k !== kind || !matches(m, message)) {
      throw new Error(`Unexpected question: ${kind} "${message}"\n  the script expected: ${show(step)}\n  asked so far:\n${asked.map((a) => `    ${a.kind} ${a.message}`).join('\n')}`);
    }
    if (step.answer === CTRL_C) throw new PromptCancelled();
    return step;
  };
  const p: ScriptedPrompter = {
    asked,
    done() {
      if (queue.length > 0) throw new Error(`The flow ended with answers left over:\n${queue.map((s) => `  ${show(s)}`).join('\n')}`);
    },
    async input(q) {
      const step = next('input', q.message, q);
      const answer = String(step.answer);
      if (q.validate) {
        const ok = q.validate(answer);
        if (ok !== true) throw new Error(`The scripted answer "${answer}" to "${q.message}" is refused: ${ok}`);
      }
      return answer;
    },
    async confirm(q) {
      return next('confirm', q.message, q).answer as boolean;
    },
    async select<T>(q: { message: string; choices: Choice<T>[]; default?: T }) {
      const step = next('select', q.message, q as { choices: Choice<unknown>[] });
      if (!q.choices.some((c) => c.value === step.answer)) {
        throw new Error(`The scripted answer ${JSON.stringify(step.answer)} to "${q.message}" is not one of its choices: ${q.choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
      }
      return step.answer as T;
    },
    async checkbox<T>(q: { message: string; choices: Choice<T>[] }) {
      const step = next('checkbox', q.message, q as { choices: Choice<unknown>[] }) as { answer: unknown[] };
      for (const a of step.answer) if (!q.choices.some((c) => c.value === a)) throw new Error(`${JSON.stringify(a)} is not a choice of "${q.message}"`);
      return step.answer as T[];
    },
  };
  if (options.multiline !== false) {
    p.multiline = async (q) => {
      const step = next('multiline', `${q.message} ${q.hint}`, {});
      const a = step.answer as string | { [CTRL_C]: string };
      if (typeof a === 'object') throw new CancelledWhileTyping(a[CTRL_C]);
      return a;
    };
  }
  return p;
}

export interface TestIO extends IO {
  output(): string;
}

/** An IO with captured output; no terminal unless `tty`, no editor unless the env names one. */
export function testIO(cwd: string, options: { env?: NodeJS.ProcessEnv; tty?: boolean; today?: string } = {}): TestIO {
  let out = '';
  const sink = { write: (t: string) => (out += t), isTTY: false };
  return {
    cwd,
    env: options.env ?? {},
    stdout: sink,
    stderr: sink,
    stdinIsTTY: options.tty ?? false,
    today: () => options.today ?? '2026-05-11',
    output: () => out,
  };
}

/** A fresh portfolio (no git unless asked), started on `start`. */
export async function newPortfolio(options: { git?: boolean; start?: string } = {}): Promise<string> {
  const dir = join(tmp(), 'my portfolio');
  const io = testIO(process.cwd());
  const code = await init(io, { dir, yes: true, git: options.git ?? false, name: 'A. Practitioner', start: options.start ?? '2026-05-04' });
  expect(code, io.output()).toBe(0);
  return dir;
}

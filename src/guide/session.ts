// Setting up a guided session: the portfolio, its settings, how to ask.
import { resolve } from 'node:path';
import { EXIT, usageError } from '../errors.js';
import { lockPortfolio } from '../util/lock.js';
import { loadProgramme } from '../programme/load.js';
import { entrySpecs } from '../portfolio/layout.js';
import { findPortfolio } from '../portfolio/portfolio.js';
import { readConfig } from '../portfolio/config.js';
import { formatProblem } from '../portfolio/problems.js';
import { chooseEditor } from '../ui/editor.js';
import { looksLikeMsys, styleFor, type IO } from '../ui/io.js';
import { inquirerPrompter, type Prompter } from '../ui/prompts.js';
import type { Guide } from './context.js';

export function openSession(io: IO, dir: string | undefined, prompter?: Prompter): Omit<Guide, 'ask'> & { prompter?: Prompter } {
  const cat = loadProgramme();
  const root = findPortfolio(io.cwd, dir);
  // Held until the command ends (cli.ts releases it), so two sessions never interleave their saves.
  lockPortfolio(root, 'week or selfassess', EXIT.incomplete);
  const { config, problems } = readConfig(root, cat);
  const style = styleFor(io.stdout, io.env);
  for (const p of problems.filter((x) => x.severity === 'error')) {
    io.stderr.write(`${style.yellow('warning:')} ${formatProblem(p)}\n`);
  }
  // An editor needs the terminal; without one (or with scripted answers) never start it.
  const editor = io.stdinIsTTY ? chooseEditor(io.env, config?.editor) : undefined;
  return {
    io,
    style,
    cat,
    root,
    specs: entrySpecs(cat),
    ...(config ? { config } : {}),
    ...(editor ? { editor } : {}),
    touched: new Set<string>(),
    say: (text = '') => void io.stdout.write(`${text}\n`),
    ...(prompter ? { prompter } : {}),
  };
}

/** The prompter to use, or a clear refusal when nobody is there to answer. */
export function prompterFor(io: IO, prompter: Prompter | undefined, command: string, example: string): Prompter {
  if (prompter) return prompter;
  if (!io.stdinIsTTY) {
    throw usageError(
      `permanence ${command} asks you questions, but there is no terminal to ask them in.\n` +
        (looksLikeMsys(io.env)
          ? `Git Bash's own window does not give permanence a terminal. Run it in PowerShell or Windows Terminal instead, or here through winpty: winpty permanence ${command}\n` +
            `Or give the answers in a file: ${example}`
          : `Run it in a terminal window, or give the answers in a file: ${example}`),
    );
  }
  return inquirerPrompter();
}

export const answersPath = (io: IO, file: string) => resolve(io.cwd, file);

/** With --answers nothing is asked: any question would be a bug, so it fails loudly. */
export const noQuestions: Prompter = {
  input: () => Promise.reject(new Error('no questions with --answers')),
  confirm: () => Promise.reject(new Error('no questions with --answers')),
  select: () => Promise.reject(new Error('no questions with --answers')),
  checkbox: () => Promise.reject(new Error('no questions with --answers')),
};

import type { ChalkInstance } from 'chalk';
import type { Catalogue } from '../programme/load.js';
import type { EntrySpec } from '../portfolio/layout.js';
import type { PortfolioConfig } from '../portfolio/config.js';
import type { IO } from '../ui/io.js';
import type { Prompter } from '../ui/prompts.js';

/** What every step of a guided flow needs: where to write, how to ask, how to show. */
export interface Guide {
  io: IO;
  ask: Prompter;
  style: ChalkInstance;
  cat: Catalogue;
  root: string;
  specs: EntrySpec[];
  config?: PortfolioConfig;
  /** The participant's editor command, when they have one. */
  editor?: string;
  /** Files written in this session, relative to root: what a commit takes. */
  touched: Set<string>;
  say(text?: string): void;
}

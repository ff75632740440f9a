// Many portfolios, verified one after another in the order of the list. Each
// report is handed on as soon as it is made and then let go, so memory stays
// that of one portfolio plus what has been reported.
import type { Catalogue } from '../programme/load.js';
import { verifyPortfolio, type PortfolioReport, type VerifyOptions } from './verify.js';

export interface Target {
  root: string;
  shown: string;
}

export type Outcome = { report: PortfolioReport } | { error: string };

export function* verifyEach(cat: Catalogue, targets: Target[], options: VerifyOptions): Generator<Outcome> {
  for (const t of targets) {
    try {
      yield { report: verifyPortfolio(t.root, cat, options, t.shown) };
    } catch (err) {
      yield { error: err instanceof Error ? err.message : String(err) };
    }
  }
}

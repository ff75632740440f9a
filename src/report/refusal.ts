// What render and export both refuse, in the same words: a PDF or a package
// leaves the participant's hands, so identifying details not yet reviewed stop
// it even as a draft, and an incomplete portfolio goes only as a draft.
import type { ChalkInstance } from 'chalk';
import { EXIT, ExitError } from '../errors.js';
import type { PortfolioReport } from '../verify/verify.js';
import { toText } from './verify-text.js';

export interface Refusal {
  /** Shown first, on stderr: verify's reasons, when it is the portfolio's completeness. */
  before?: string;
  error: ExitError;
}

/**
 * Why `command` may not make something to hand on from this report, or
 * undefined when it may. `asItStands` is the sentence that says how to make a
 * draft instead.
 */
export function shareRefusal(report: PortfolioReport, command: string, draft: boolean, asItStands: string, style: ChalkInstance): Refusal | undefined {
  if (report.identifying.unreviewed.length > 0) {
    const list = report.identifying.unreviewed.map((f) => `  ${f.file}:${f.line}:${f.column}: ${f.message}`).join('\n');
    return {
      error: new ExitError(
        EXIT.incomplete,
        `${command} refused: ${report.identifying.unreviewed.length} possible identifying detail(s) not yet reviewed.\n${list}\n` +
          'Remove each one or replace it with a pseudonym; if a line does not identify anyone, add <!-- reviewed --> to it. Nothing was written.',
      ),
    };
  }
  if (!report.complete && !draft) {
    return {
      before: toText([report], style),
      error: new ExitError(EXIT.incomplete, `${command} refused: verify says this portfolio is not complete (the reasons are above). ${asItStands}`),
    };
  }
  return undefined;
}

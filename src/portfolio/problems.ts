export type Severity = 'error' | 'warning';

/** Something wrong in a portfolio, said so that a person can fix it. */
export interface Problem {
  /** Path inside the portfolio, with forward slashes. */
  file: string;
  /** 1-based; 0 when the problem is the file as a whole. */
  line: number;
  severity: Severity;
  /** Stable, for scripts: e.g. "front-matter", "missing-file", "identifying-detail". */
  code: string;
  message: string;
  /** What to do about it. */
  fix?: string;
}

export const problem = (p: Problem): Problem => p;

export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  return `${where}: ${p.message}${p.fix ? `\n    fix: ${p.fix}` : ''}`;
}

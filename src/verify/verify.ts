// verify: the assessment of each portfolio, plus what a supervisor must also
// know before saying "complete": identifying details and the sign-off's state.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { assess, type Assessment } from '../assess/assess.js';
import type { Catalogue } from '../programme/load.js';
import { CONFIG_FILE, readInside, readPortfolio, type Portfolio } from '../portfolio/portfolio.js';
import type { Problem } from '../portfolio/problems.js';
import { findIdentifyingDetails, parseNamesList, type Finding } from '../privacy/identifying.js';
import { templateLines } from '../portfolio/body.js';
import { checkSignoffs, type SignoffState } from './signoff.js';
import { usageError } from '../errors.js';
import { checkBundle, MANIFEST_FILE } from './bundle.js';
import { coveredFiles } from './digest.js';

export const NAMES_FILE = 'private/names.txt';

export interface IdentifyingDetail extends Finding {
  file: string;
}

export interface SignoffReport {
  status: SignoffState['status'];
  changed_files: string[];
  records: {
    file: string;
    kind: 'final' | 'module' | null;
    module: number | null;
    name: string | null;
    role: string | null;
    date: string | null;
    digest: string | null;
    signed: boolean;
    signer: string | null;
    status: 'valid' | 'changed' | 'invalid';
    reasons: string[];
  }[];
}

export interface PortfolioReport {
  path: string;
  participant: string | null;
  complete: boolean;
  assessment: Assessment;
  identifying: { unreviewed: IdentifyingDetail[]; reviewed: number };
  signoff: SignoffReport;
  /** Assessment problems, identifying details and sign-off errors, most important first. */
  problems: Problem[];
  /** The portfolio as read, for render; absent when it could not be verified. */
  portfolio?: Portfolio;
}

export interface VerifyOptions {
  today: string;
  allowedSigners?: string;
  /** A bundle to check against the portfolio; mismatches are errors. */
  bundle?: { dir: string; shown: string };
}

/** The names on the participant's private list (none when there is no list), and what is wrong with the list. */
export function readPrivateNames(root: string): { names: string[]; problems: Problem[] } {
  const problems: Problem[] = [];
  let names: string[] = [];
  const list = readInside(root, NAMES_FILE, 1024 * 1024);
  if (list && 'problem' in list) problems.push({ file: NAMES_FILE, ...list.problem, severity: 'warning' });
  else if (list) {
    const parsed = parseNamesList(list.text);
    names = parsed.names;
    for (const p of parsed.problems) problems.push({ file: NAMES_FILE, line: p.line, severity: 'warning', code: 'names-list', message: p.message });
  }
  return { names, problems };
}

/** Identifying details in everything the participant wrote: every entry and portfolio.yaml, with names from their private list. */
export function scanIdentifying(root: string, portfolio: Portfolio, cat: Catalogue): { unreviewed: IdentifyingDetail[]; reviewed: number; problems: Problem[] } {
  const { names, problems } = readPrivateNames(root);
  const unreviewed: IdentifyingDetail[] = [];
  let reviewed = 0;
  const scan = (file: string, text: string, lines?: ReadonlySet<string>) => {
    for (const f of findIdentifyingDetails(text, { names, ...(lines ? { templateLines: lines } : {}) })) {
      if (f.reviewed) reviewed++;
      else unreviewed.push({ ...f, file });
    }
  };
  // Its values (the participant's name, cohort, supervisor) print on the PDF's cover.
  const config = readInside(root, CONFIG_FILE, 64 * 1024);
  if (config && 'text' in config) scan(CONFIG_FILE, config.text);
  for (const entry of portfolio.entries.values()) scan(entry.file, entry.text, templateLines(entry.spec, cat));
  return { unreviewed, reviewed, problems };
}

export function verifyPortfolio(root: string, cat: Catalogue, options: VerifyOptions, shown = root): PortfolioReport {
  const portfolio = readPortfolio(root, cat);
  const scan = scanIdentifying(root, portfolio, cat);
  const covered = coveredFiles(root);
  const state = checkSignoffs(root, options.allowedSigners ? { allowedSigners: options.allowedSigners } : {}, covered);
  const problems: Problem[] = [...scan.problems];
  for (const f of scan.unreviewed) {
    problems.push({
      file: f.file,
      line: f.line,
      severity: 'warning',
      code: 'identifying-detail',
      message: `column ${f.column}: ${f.message}`,
    });
  }
  const changed_files = state.latest?.changes ? [...state.latest.changes.changed, ...state.latest.changes.added, ...state.latest.changes.removed] : [];
  if (state.latest && state.status === 'changed') {
    problems.push({
      file: state.latest.file,
      line: 0,
      severity: 'error',
      code: 'signoff-changed',
      message: `the portfolio has changed since ${state.latest.record?.name ?? 'the supervisor'} signed it off on ${state.latest.record?.date ?? '?'}: ${state.latest.reasons.join('; ')}`,
      fix: 'ask your supervisor to verify and sign off again (permanence signoff), or restore the signed version from git',
    });
  }
  if (state.latest && state.status === 'invalid') {
    problems.push({
      file: state.latest.file,
      line: 0,
      severity: 'error',
      code: 'signoff-invalid',
      message: `the latest sign-off cannot be trusted: ${state.latest.reasons.join('; ')}`,
      fix: 'ask your supervisor to sign off again; never edit a sign-off record by hand',
    });
  }
  if (options.bundle) {
    problems.push(...checkBundle(root, options.bundle.dir, options.bundle.shown, 'error', covered));
  } else if (existsSync(join(root, 'submission', MANIFEST_FILE))) {
    // The participant's own rendered bundle: out of date is worth saying, not an error.
    problems.push(...checkBundle(root, join(root, 'submission'), 'submission', 'warning', covered));
  }
  // Complete is the assessment's word alone: these problems are part of what it weighs.
  const assessment = assess(cat, portfolio, { today: options.today, words: 'limits', problems });
  return {
    path: shown,
    participant: assessment.portfolio.participant,
    complete: assessment.complete,
    assessment,
    identifying: { unreviewed: scan.unreviewed, reviewed: scan.reviewed },
    signoff: {
      status: state.status,
      changed_files,
      records: state.records.map((r) => ({
        file: r.file,
        kind: r.record?.kind ?? null,
        module: r.record?.module ?? null,
        name: r.record?.name ?? null,
        role: r.record?.role ?? null,
        date: r.record?.date ?? null,
        digest: r.record?.digest ?? null,
        signed: r.signed,
        signer: r.signer ?? null,
        status: r.status,
        reasons: r.reasons,
      })),
    },
    problems: assessment.problems,
    portfolio,
  };
}

/**
 * The portfolios a list of paths names: each path is a portfolio, or a folder
 * whose subfolders are portfolios (a cohort). Anything else is a usage error.
 */
export function expandPaths(cwd: string, paths: string[]): { root: string; shown: string }[] {
  const out: { root: string; shown: string }[] = [];
  for (const p of paths) {
    const root = resolve(cwd, p);
    const shown = relative(cwd, root) || '.';
    if (existsSync(join(root, CONFIG_FILE))) {
      out.push({ root, shown });
      continue;
    }
    let subs: string[] = [];
    try {
      if (statSync(root).isDirectory()) {
        subs = readdirSync(root, { withFileTypes: true })
          .filter((d) => d.isDirectory() && !d.name.startsWith('.') && existsSync(join(root, d.name, CONFIG_FILE)))
          .map((d) => d.name)
          .sort();
      }
    } catch {
      throw usageError(`${shown}: no such folder.\nName a portfolio folder (with a ${CONFIG_FILE}) or a folder of portfolios.`);
    }
    if (subs.length === 0) {
      throw usageError(`${shown} is not a portfolio (no ${CONFIG_FILE}) and holds no portfolios.\nName a portfolio folder, or a folder whose subfolders are portfolios.`);
    }
    for (const s of subs) out.push({ root: join(root, s), shown: shown === '.' ? s : `${shown}/${s}` });
  }
  return out;
}

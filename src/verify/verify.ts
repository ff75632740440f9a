// verify: the assessment of each portfolio, plus what a supervisor must also
// know before saying "complete": identifying details and the sign-off's state.
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { assess, type Assessment } from '../assess/assess.js';
import type { Catalogue } from '../programme/load.js';
import { CONFIG_FILE } from '../portfolio/config.js';
import { readPortfolio, type Portfolio } from '../portfolio/portfolio.js';
import { entryKind } from '../portfolio/read.js';
import type { Problem } from '../portfolio/problems.js';
import { findStrays, strayProblems } from '../portfolio/strays.js';
import { scanIdentifying, type IdentifyingDetail } from './identifying.js';

export { NAMES_FILE, readPrivateNames, scanIdentifying, type IdentifyingDetail } from './identifying.js';
import { checkSignoffs, type SignoffState } from './signoff.js';
import { usageError } from '../errors.js';
import { visible } from '../util/visible.js';
import { portable } from '../util/paths.js';
import { checkBundle, MANIFEST_FILE } from './bundle.js';
import { coverPortfolio } from './digest.js';
import { entrySpecs } from '../portfolio/layout.js';
import { changedAnswers } from '../changes/answers.js';


export interface SignoffReport {
  status: SignoffState['status'];
  changed_files: string[];
  /** The answers changed since the latest sign-off, by the digests its record keeps (records made before those: none named). */
  changed_answers: { file: string; key: string; name: string; line?: number }[];
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
    /** none: a claim anyone with the files could have written; unchecked: signed, not checked (no allowed signers). */
    signature: 'none' | 'unchecked' | 'verified' | 'failed';
    /** 1: the older form, whose digest does not cover the record's own fields. */
    record_version: 1 | 2 | null;
    attendance_confirmed: boolean | null;
    git_commit: string | null;
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

export function verifyPortfolio(root: string, cat: Catalogue, options: VerifyOptions, shown = root): PortfolioReport {
  // One walk reads every covered file once: the digest and the parser see the same bytes.
  const coverage = coverPortfolio(root, new Set([CONFIG_FILE, ...entrySpecs(cat).map((s) => s.file)]));
  const portfolio = readPortfolio(root, cat, coverage.read);
  const scan = scanIdentifying(root, portfolio, cat, coverage.read);
  const covered = coverage.files;
  const state = checkSignoffs(root, options.allowedSigners ? { allowedSigners: options.allowedSigners } : {}, covered);
  // A sync service's copy of an entry holds answers permanence does not read: said, never passed over.
  const problems: Problem[] = [...coverage.problems, ...scan.problems, ...strayProblems(findStrays(root, cat))];
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
  const changed_answers: SignoffReport['changed_answers'] = [];
  const kept = state.latest?.record?.answers;
  if (kept && state.latest?.changes) {
    const specs = new Map(entrySpecs(cat).map((s) => [s.file, s]));
    for (const file of changed_files) {
      const spec = specs.get(file);
      if (spec) for (const a of changedAnswers(spec, cat, portfolio.entries.get(file), kept)) changed_answers.push({ file, ...a });
    }
  }
  if (state.latest && state.status === 'changed') {
    const answers = changed_answers.length > 0 ? `; the answers changed: ${changed_answers.map((a) => a.name).join('; ')}` : '';
    problems.push({
      file: state.latest.file,
      line: 0,
      severity: 'error',
      code: 'signoff-changed',
      message: `the portfolio has changed since ${state.latest.record?.name ?? 'the supervisor'} signed it off on ${state.latest.record?.date ?? '?'}: ${state.latest.reasons.join('; ')}${answers}`,
      fix: 'run permanence changes to see each change, word by word; then ask your supervisor to verify and sign off again (permanence signoff), or restore the signed version from git',
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
      changed_answers,
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
        signature: r.signature,
        record_version: r.version,
        attendance_confirmed: r.record ? (r.record.attendance_confirmed ?? null) : null,
        git_commit: r.record?.git_commit ?? null,
        status: r.status,
        reasons: r.reasons,
      })),
    },
    problems: assessment.problems,
    portfolio,
  };
}

/** A folder of a cohort that is not verified, and why: nothing is passed over silently. */
export interface PassedOver {
  path: string;
  reason: string;
}

/** Why a subfolder of a cohort is not a portfolio permanence verifies, or undefined when it is one. */
function passedOver(dir: string, d: Dirent): string | undefined {
  const path = join(dir, d.name);
  const kind = entryKind(d, path);
  if (kind === 'link') return 'it is a symbolic link; it was not followed (name the folder it leads to instead)';
  if (kind !== 'folder') return undefined;
  if (d.name.startsWith('.')) return existsSync(join(path, CONFIG_FILE)) ? `its name starts with a dot (a hidden folder), though it has a ${CONFIG_FILE}; name it to verify it` : 'its name starts with a dot (a hidden folder)';
  if (existsSync(join(path, CONFIG_FILE))) return undefined;
  if (existsSync(join(path, 'portfolio.yml'))) return `it has portfolio.yml, not ${CONFIG_FILE}: rename the file to ${CONFIG_FILE}`;
  return `it has no ${CONFIG_FILE}, so it is not a portfolio`;
}

/**
 * The portfolios a list of paths names: each path is a portfolio, or a folder
 * whose subfolders are portfolios (a cohort), with every subfolder passed over
 * and why. Anything else is a usage error.
 */
export function expandPaths(cwd: string, paths: string[]): { targets: { root: string; shown: string }[]; passedOver: PassedOver[] } {
  const out: { root: string; shown: string }[] = [];
  const skipped: PassedOver[] = [];
  for (const p of paths) {
    const root = resolve(cwd, p);
    const shown = portable(relative(cwd, root)) || '.';
    if (existsSync(join(root, CONFIG_FILE))) {
      out.push({ root, shown });
      continue;
    }
    const subs: string[] = [];
    const here: PassedOver[] = [];
    try {
      if (statSync(root).isDirectory()) {
        for (const d of readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
          const reason = passedOver(root, d);
          const sub = shown === '.' ? d.name : `${shown}/${d.name}`;
          if (reason) here.push({ path: sub, reason });
          else if (entryKind(d, join(root, d.name)) === 'folder') subs.push(d.name);
        }
      }
    } catch {
      throw usageError(`${shown}: no such folder.\nName a portfolio folder (with a ${CONFIG_FILE}) or a folder of portfolios.`);
    }
    if (subs.length === 0) {
      const why = here.length > 0 ? `\nPassed over:\n${here.map((x) => `  ${visible(x.path)}: ${x.reason}`).join('\n')}` : '';
      throw usageError(`${shown} is not a portfolio (no ${CONFIG_FILE}) and holds no portfolios.\nName a portfolio folder, or a folder whose subfolders are portfolios.${why}`);
    }
    for (const s of subs) out.push({ root: join(root, s), shown: shown === '.' ? s : `${shown}/${s}` });
    skipped.push(...here);
  }
  return { targets: out, passedOver: skipped };
}

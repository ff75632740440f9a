// Identifying details in an answer just saved: each said plainly, with where it
// is, and then the choice to rewrite the answer, keep it and mark it reviewed,
// or keep it for now (permanence verify lists it). The answer is on disk before
// anything is asked, so no choice here can lose it.
import { findIdentifyingDetails, isReviewedLine, LINE_BREAK, REVIEWED_MARKER, type DetailKind, type Finding } from '../privacy/identifying.js';
import { templateLines } from '../portfolio/body.js';
import { readPrivateNames } from '../verify/identifying.js';
import type { Guide } from './context.js';
import type { Target } from './target.js';
import { readEntry, saveAnswer } from './store.js';
import { plural, wrap } from './text.js';

/** What was found, in words: "This answer mentions <what>: <text>". */
const WHAT: Record<DetailKind, string> = {
  name: 'a name on your private list',
  postcode: 'what looks like a postcode',
  'date-of-birth': 'what looks like a date of birth',
  'nhs-number': 'what looks like an NHS number',
  'ni-number': 'what looks like a National Insurance number',
  phone: 'what looks like a phone number',
  email: 'what looks like an e-mail address',
};

/** One answer's unreviewed details, with the file line its first line is on. */
export interface AnswerDetails {
  findings: Finding[];
  /** The file line of the answer region's first line: a finding's line minus this is its line in the answer. */
  firstLine: number;
}

type Slot = Pick<Target, 'spec' | 'key'>;

/** The unreviewed identifying details in one answer as it is in the file now: what verify would list for it. */
export function detailsIn(g: Pick<Guide, 'root' | 'cat'>, t: Slot): AnswerDetails {
  const entry = readEntry(g.root, t.spec, g.cat);
  const slot = entry.slots.get(t.key);
  if (!slot || slot.raw.trim() === '') return { findings: [], firstLine: 0 };
  // The template's own lines are the programme's words, passed over as verify does.
  const lines = templateLines(t.spec, g.cat);
  const { text } = entry;
  const lineOf = (offset: number) => 1 + (text.slice(0, offset).match(/\r\n|\r|\n/g)?.length ?? 0);
  const firstLine = lineOf(slot.start);
  const lastLine = lineOf(slot.end) - (slot.end > slot.start && /[\r\n]$/.test(text.slice(slot.start, slot.end)) ? 1 : 0);
  // The whole file, as verify scans it, so that the words around an answer count the same.
  const findings = findIdentifyingDetails(text, { names: readPrivateNames(g.root).names, templateLines: lines }).filter(
    (f) => !f.reviewed && f.line >= firstLine && f.line <= lastLine,
  );
  return { findings, firstLine };
}

/** "This answer mentions a name on your private list: Kayden (line 42)". */
export function describe(f: Finding): string {
  return `This answer mentions ${WHAT[f.kind]}: ${f.text.replace(/\s+/g, ' ')} (line ${f.line})`;
}

/** Each detail on a line of its own, then the file once: short enough for a narrow terminal. */
function warn(g: Guide, t: Slot, d: AnswerDetails, why = true): void {
  for (const f of d.findings) g.say(g.style.yellow(`  ⚠ ${describe(f)}`));
  const where = `${d.findings.length === 1 ? 'It is' : 'They are'} in ${t.spec.file}.`;
  const text = why ? `${where} Nothing that could identify a child or family should reach your supervisor, the programme team or the PDF.` : where;
  for (const l of wrap(text, 76, '    ')) g.say(g.style.dim(l));
}

/**
 * Only the warnings, for answers given without questions (--answers).
 * Returns how many details were found.
 */
export function warnDetails(g: Guide, t: Slot): number {
  const d = detailsIn(g, t);
  if (d.findings.length === 0) return 0;
  warn(g, t, d, false);
  const it = d.findings.length === 1 ? 'it' : 'them';
  for (const l of wrap(`Replace ${it} with a pseudonym, an initial or an age; or, if ${it === 'it' ? 'it identifies' : 'they identify'} nobody, add ${REVIEWED_MARKER} to the line. permanence verify lists ${it} until then.`, 76, '    ')) g.say(g.style.dim(l));
  return d.findings.length;
}

/**
 * Adds the reviewed marker to the answer's lines that carry a finding, through
 * the same save as every answer. Returns whether the file changed.
 */
export function markReviewed(g: Guide, t: Slot, d: AnswerDetails): boolean {
  const rel = new Set(d.findings.map((f) => f.line - d.firstLine));
  const changed = saveAnswer(g.root, g.cat, t.spec, t.key, (raw) => {
    const parts = raw.split(new RegExp(`(${LINE_BREAK.source})`));
    for (const i of rel) {
      const line = parts[i * 2];
      if (line !== undefined && !isReviewedLine(line)) parts[i * 2] = `${line.replace(/\s+$/, '')} ${REVIEWED_MARKER}`;
    }
    return parts.join('');
  });
  if (changed) g.touched.add(t.spec.file);
  return changed;
}

type Choice = 'rewrite' | 'reviewed' | 'later';

/**
 * After an answer is saved: warns about each identifying detail in it and
 * offers the choice, until none is left unreviewed or the participant keeps it.
 * `rewrite` opens the answer's own flow again with the text so far, and says
 * whether it changed the answer.
 */
export async function reviewDetails(g: Guide, t: Slot, rewrite: (d: AnswerDetails) => Promise<boolean>, rewriteName = 'Rewrite it now'): Promise<void> {
  for (;;) {
    const d = detailsIn(g, t);
    if (d.findings.length === 0) return;
    warn(g, t, d);
    const lines = new Set(d.findings.map((f) => f.line)).size;
    const choice = await g.ask.select<Choice>({
      message: 'Rewrite it, or keep it?',
      choices: [
        { value: 'rewrite', name: rewriteName },
        { value: 'reviewed', name: `Keep it: it identifies nobody (marks the ${lines === 1 ? 'line' : 'lines'} reviewed)` },
        { value: 'later', name: 'Keep it for now (permanence verify will list it)' },
      ],
      default: 'rewrite',
    });
    if (choice === 'later') {
      g.say(g.style.dim(`  Kept. permanence verify lists ${d.findings.length === 1 ? 'it' : 'them'} until you change ${d.findings.length === 1 ? 'it' : 'them'} or mark ${d.findings.length === 1 ? 'it' : 'them'} reviewed.`));
      return;
    }
    if (choice === 'reviewed') {
      markReviewed(g, t, d);
      g.say(g.style.green(`  ✓ Marked reviewed in ${t.spec.file} (${plural(lines, 'line')}: ${[...new Set(d.findings.map((f) => f.line))].join(', ')})`));
      return;
    }
    if (!(await rewrite(d))) g.say(g.style.dim('  Your answer was not changed.'));
  }
}

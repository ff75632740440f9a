// status as text. The essentials first, within 15 lines of an 80-column
// screen: who, the calendar's week, what needs attention, the next step and the
// counts. Then the problems; every requirement and KSS-AP section with --all.
import type { ChalkInstance } from 'chalk';
import type { Assessment } from '../assess/assess.js';
import { formatProblem } from '../portfolio/problems.js';
import { mark, nextStepText, visible, visibleProblem } from './words.js';

export interface StatusExtras {
  /** Identifying details not yet reviewed, and the command that lists them. */
  identifying?: { unreviewed: number; command: string };
  /** Files changed and not yet in the history, or why there is no history. */
  history?: { changed: number; command: string } | { none: string };
  /** Every requirement and KSS-AP section, not only the counts. */
  all?: boolean;
  /** The latest sign-off as it claims to be (verify checks it). */
  signoff?: { what: string; signed: boolean; final?: boolean };
}

const WIDTH = 80;

/** Words to lines of at most `width` columns, never breaking a word. */
export function wrapWords(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const room = width - (lines.length === 0 ? 0 : indent.length);
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l));
}

/** "Next: ..." in lines of 80 columns; the command whole, on a line of its own when it does not fit after the words. */
export function nextLines(text: string): string[] {
  const indent = '      ';
  const at = text.lastIndexOf(': permanence ');
  const words = at === -1 ? text : text.slice(0, at + 1);
  const command = at === -1 ? '' : text.slice(at + 2);
  const lines = wrapWords(`Next: ${words}`, WIDTH, indent);
  if (!command) return lines;
  const last = lines[lines.length - 1]!;
  if (last.length + 1 + command.length <= WIDTH) lines[lines.length - 1] = `${last} ${command}`;
  else lines.push(indent + command);
  return lines;
}

export function renderStatus(a: Assessment, s: ChalkInstance, extras: StatusExtras = {}): string {
  const out: string[] = [];
  const config = a.problems.find((p) => p.file === 'portfolio.yaml' && p.severity === 'error');
  const configShown = config !== undefined && a.portfolio.participant === null;
  if (configShown) {
    // Without a readable portfolio.yaml there is no one and no calendar to show: the cause comes first.
    out.push(`${s.bold(a.programme.title)} · ${s.red('portfolio.yaml cannot be read')}`);
    out.push(...formatProblem(visibleProblem(config)).split('\n').map((l, i) => (i === 0 ? `  ${s.red('error')} ${l}` : `  ${l}`)));
  } else {
    const who = visible([a.portfolio.participant, a.portfolio.cohort, a.portfolio.supervisor ? `supervisor ${a.portfolio.supervisor}` : null].filter(Boolean).join(' · '));
    out.push(`${s.bold(a.programme.title)} · ${who}`);
    out.push(s.dim(calendarLine(a)));
  }
  const id = extras.identifying;
  if (id && id.unreviewed > 0) {
    const n = id.unreviewed;
    out.push(s.yellow(`⚠ ${n} identifying ${n === 1 ? 'detail' : 'details'} not reviewed: ${id.command} lists ${n === 1 ? 'it' : 'them'}`));
  }
  const h = extras.history;
  if (h && 'changed' in h && h.changed > 0) {
    out.push(s.yellow(`⚠ ${h.changed} ${h.changed === 1 ? 'file' : 'files'} not yet in your portfolio's history: ${h.command} keeps ${h.changed === 1 ? 'it' : 'them'}`));
  } else if (h && 'none' in h) {
    out.push(s.dim(`Note: ${h.none}.`));
  }
  if (extras.signoff) {
    const so = extras.signoff;
    out.push(...wrapWords(`Sign-off: ${visible(so.what)}; ${so.signed ? 'signed with SSH' : 'not signed: anyone with these files could have written it'} (permanence verify checks it)`, WIDTH, '  '));
  }
  out.push('');
  const n = a.next;
  // The cause is at the top already: Next only points to it.
  const next =
    configShown && n.kind === 'fix' && n.file === config!.file
      ? `Fix ${n.file} line ${n.line} (above), then run: permanence status`
      : n.kind === 'done' && extras.signoff?.final
        ? // Everything answered and a final sign-off recorded: asking for one again would be wrong.
          'Everything is answered and a final sign-off is recorded. To check it still holds, and then make the PDF to hand in: permanence verify, then permanence render'
        : nextStepText(n);
  const [first, ...rest] = nextLines(next);
  out.push(`${s.bold('Next:')}${first!.slice(5)}`, ...rest);
  out.push('');
  const width = Math.max(...a.modules.map((m) => m.title.length));
  for (const m of a.modules) {
    const weeks = m.weeks.map((w) => mark(w.state, s)).join(' ');
    out.push(`${s.bold(`Module ${m.number}`)}  ${m.title.padEnd(width)}  ${weeks}  ${m.answered}/${m.total} tasks`);
  }
  out.push(s.dim(`  weeks 1-7: ${mark('answered', s)} done  ${mark('partial', s)} started  ${mark('empty', s)} not started`));
  const t = a.totals;
  out.push(`${s.bold('Requirements')} ${t.requirements.met} of ${t.requirements.total} met · ${s.bold('KSS-AP')} ${t.statements.covered} of ${t.statements.total} statements have evidence`);

  const problems = a.problems;
  if (problems.length > 0) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    out.push('');
    out.push(`${s.bold('Problems')}  ${errors} error(s), ${problems.length - errors} warning(s)`);
    const shown = extras.all ? problems : problems.slice(0, 5);
    for (const p of shown) out.push(`  ${p.severity === 'error' ? s.red('error') : s.yellow('warning')} ${formatProblem(visibleProblem(p)).replace(/\n/g, '\n  ')}`);
    if (problems.length > shown.length) out.push(s.dim(`  ... and ${problems.length - shown.length} more: permanence verify lists them all`));
  }
  if (!extras.all) {
    out.push('');
    out.push(s.dim('Every requirement and KSS-AP section: permanence status --all'));
    return `${out.join('\n')}\n`;
  }
  out.push('');
  out.push(`${s.bold('Requirements')}  ${t.requirements.met} of ${t.requirements.total} met`);
  for (const r of a.requirements) out.push(`  ${mark(r.met, s)} ${r.title}${r.met ? '' : s.dim(` (${r.reasons.length} to do)`)}`);
  out.push('');
  out.push(`${s.bold('KSS-AP coverage')}  ${t.statements.covered} of ${t.statements.total} statements have evidence`);
  const sections = [...new Set(a.statements.map((x) => x.section))];
  for (const n of sections) {
    const st = a.statements.filter((x) => x.section === n);
    const covered = st.filter((x) => x.covered).length;
    out.push(`  ${mark(covered === st.length ? 'answered' : covered > 0 ? 'partial' : 'empty', s)} Section ${n}: ${covered}/${st.length}  ${st.map((x) => (x.covered ? x.id : s.dim(x.id))).join(' ')}`);
  }
  return `${out.join('\n')}\n`;
}

/** Where the calendar is, with the command that opens this week, exactly as it works. */
function calendarLine(a: Assessment): string {
  const c = a.calendar;
  if (c.state === 'during') return `Programme week ${c.programme_week} of 28 (module ${c.module}, week ${c.week}) by the calendar: permanence week ${c.module}.${c.week}`;
  if (c.state === 'before') return `The programme starts on ${a.portfolio.start_date}`;
  if (c.state === 'after') return `The 28 weeks ended (started ${a.portfolio.start_date})`;
  return 'No valid start date in portfolio.yaml';
}

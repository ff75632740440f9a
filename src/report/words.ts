// The assessment's data in the words a participant or supervisor reads: one
// place, shared by every presenter (status, verify's text and JUnit, render).
import type { ChalkInstance } from 'chalk';
import type { NextStep, Reason, State } from '../assess/assess.js';
import type { Problem } from '../portfolio/problems.js';
import { visible } from '../util/visible.js';

export { visible } from '../util/visible.js';

/** A problem with every value from the portfolio made safe to print (see util/visible.ts). */
export const visibleProblem = (p: Problem): Problem => ({ ...p, file: visible(p.file), message: visible(p.message), ...(p.fix ? { fix: visible(p.fix) } : {}) });

/** On one line, cut to n characters with an ellipsis. */
export const truncate = (t: string, n: number) => {
  const one = t.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A state's symbol: never colour alone. */
export function mark(state: State | boolean, s: ChalkInstance): string {
  if (state === true || state === 'answered') return s.green('✓');
  if (state === 'partial') return s.yellow('◐');
  return state === false ? s.red('✗') : s.dim('○');
}

/** "Module 1 week 5, task 3" for a task's ref ("1.5.3"). */
export function taskName(ref: string): string {
  const [m, w, t] = ref.split('.');
  return `Module ${m} week ${w}, task ${t}`;
}

/** Why a requirement is not met, one line. */
export function reasonText(r: Reason): string {
  const item = r.ref.startsWith('item:');
  const where = visible(r.line ? `${r.file}:${r.line}` : r.file);
  if (r.kind === 'over-limit') return item ? `${r.title}, ${r.label}: ${r.words} words, maximum ${r.limit}` : `${taskName(r.ref)} (${where}): ${r.words} words, maximum ${r.limit}`;
  if (item) return `${r.title} (${where}): ${r.answered} of ${r.total} ${r.of === 'ratings' ? 'statements rated' : 'parts answered'}`;
  return `${taskName(r.ref)} (${where}): ${r.state === 'empty' ? 'not answered' : `not yet answered: ${r.missing.map((x) => x.label).join('; ')}`}`;
}

/** The next step, with the command that takes it. */
export function nextStepText(n: NextStep): string {
  switch (n.kind) {
    case 'fix':
      return `Fix ${visible(n.file)}${n.line > 0 ? `:${n.line}` : ''}: ${visible(n.message)}${n.more > 0 ? ` (and ${n.more} more problem${n.more > 1 ? 's' : ''}; run permanence verify)` : ''}`;
    case 'selfassess':
      return n.rated === 0
        ? `Rate your ${n.stage === 'baseline' ? 'baseline' : 'follow-up'} confidence against the KSS-AP (${n.total} statements): permanence selfassess --stage ${n.stage}`
        : `Carry on with your ${n.stage === 'baseline' ? 'baseline' : 'follow-up'} self-assessment (${n.rated} of ${n.total} rated): permanence selfassess --stage ${n.stage}`;
    case 'week':
      return n.started
        ? `Continue module ${n.module}, week ${n.week} (${n.title})${n.task !== undefined ? `, task ${n.task} next` : ''}: permanence week ${n.ref}`
        : `Start module ${n.module}, week ${n.week} (${n.title}): permanence week ${n.ref}`;
    case 'up-to-date':
      return `You are up to date for week ${n.programme_week} of 28. Next: module ${n.module}, week ${n.week} (${n.title}), when it comes: permanence week ${n.ref}`;
    case 'requirement': {
      const r = n.reason;
      if (!r) return `Complete the requirement "${n.title}": permanence verify says what it needs`;
      const [m, w, t] = r.ref.split('.');
      const how = r.ref.startsWith('item:') ? `write it in ${r.file}, in any editor` : `permanence week ${m}.${w} --task ${t}`;
      return `Complete the requirement "${n.title}" (${reasonText(r)}): ${how}`;
    }
    case 'statement':
      return n.weeks.length === 0
        ? `KSS-AP ${n.id} has no evidence yet, and no week is linked to it: ask your programme team`
        : `KSS-AP ${n.id} has no evidence yet; finish week ${n.weeks[0]}${n.weeks.length > 1 ? ` (or ${n.weeks.slice(1).join(' or ')})` : ''}: permanence week ${n.weeks[0]}`;
    case 'done':
      return 'Everything is answered: ask your supervisor to run permanence verify and permanence signoff, then run permanence render';
  }
}

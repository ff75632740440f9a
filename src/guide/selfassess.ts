// Rating confidence against every KSS-AP statement, section by section, into
// the self-assessment item's "Confidence (1-5): N" lines.
import { parseRating, withRating } from '../assess/answers.js';
import { commentKey, type EntrySpec } from '../portfolio/layout.js';
import type { Field, Statement } from '../programme/types.js';
import type { Guide } from './context.js';
import type { Mode, Target } from './target.js';
import { askText } from './text-field.js';
import { currentRaw, readEntry, saveAnswer } from './store.js';
import { brief, plural, wrap } from './text.js';

export type Stage = 'baseline' | 'followup';

export function selfAssessmentSpec(g: Pick<Guide, 'specs'>, stage: Stage): Extract<EntrySpec, { kind: 'selfassessment' }> {
  const spec = g.specs.find((s): s is Extract<EntrySpec, { kind: 'selfassessment' }> => s.kind === 'selfassessment' && s.item.stage === stage);
  if (!spec) throw new Error(`the programme has no ${stage} self-assessment`);
  return spec;
}

/** Each statement's rating in a self-assessment file (null: not rated). */
export function ratingsIn(g: Guide, spec: EntrySpec): Map<string, number | null> {
  const entry = readEntry(g.root, spec, g.cat);
  return new Map(
    g.cat.statements.map((st) => [st.id, parseRating(entry.slots.get(st.id)?.raw ?? '')] as const),
  );
}

export { withRating } from '../assess/answers.js';

type Choice = number | 'skip' | 'stop' | 'ask';

/**
 * The rating flow. walk: only unrated statements, and a section's comment only
 * if it has none yet. all: every statement, with the rating there as default.
 * Returns false when the participant chose to stop.
 */
export async function rateStatements(g: Guide, stage: Stage, mode: Mode): Promise<boolean> {
  const s = g.style;
  const spec = selfAssessmentSpec(g, stage);
  const fw = g.cat.programme.framework;
  const baseline = stage === 'followup' ? ratingsIn(g, selfAssessmentSpec(g, 'baseline')) : undefined;
  const points = fw.scale.points;
  const words = (v: number | null | undefined) => (v ? `${v} (${points.find((p) => p.value === v)?.label ?? ''})` : 'not rated');

  g.say();
  g.say(s.bold(`How confident are you, today? (${stage === 'baseline' ? 'baseline: at the start of the programme' : 'follow-up: at the end of the programme'})`));
  for (const p of points) {
    const [first, ...rest] = wrap(`${p.label}: ${p.description}`, 72);
    g.say(`  ${s.bold(String(p.value))}  ${first}`);
    for (const l of rest) g.say(`     ${l}`);
  }
  g.say(s.dim('  Type 1 to 5 and press Enter (or use the arrow keys).'));
  g.say(s.dim('  Every rating is saved as you give it; Ctrl-C stops, keeping them.'));

  for (const section of fw.sections) {
    const ratings = ratingsIn(g, spec);
    const todo = section.statements.filter((st) => mode === 'all' || ratings.get(st.id) === null);
    const comment = currentRaw(g.root, spec, g.cat, commentKey(section.number)).trim();
    if (todo.length === 0 && (mode === 'walk' || section.statements.length === 0)) continue;
    const rated = section.statements.filter((st) => ratings.get(st.id) !== null).length;
    g.say();
    g.say(s.bold(`Section ${section.number} of ${fw.sections.length}: ${section.title}`) + s.dim(` (${plural(section.statements.length, 'statement')}, ${rated} rated)`));
    for (const st of todo) {
      const r = await rateOne(g, spec, st, ratings.get(st.id) ?? null, baseline?.get(st.id), words);
      if (r === 'stop') {
        const n = [...ratingsIn(g, spec).values()].filter((v) => v !== null).length;
        g.say(`${s.yellow('◐')} ${n} of ${g.cat.statements.length} statements rated. To carry on later: permanence selfassess --stage ${stage}`);
        return false;
      }
    }
    if (mode === 'all' || !comment) {
      const field: Field = { id: 'comment', label: `Any comment on section ${section.number}? (optional)`, kind: 'short', required: false, provenance: { source: 'product' } };
      const target: Target = { spec, key: commentKey(section.number), field, where: `section ${section.number} comment` };
      await askText(g, target, 'short', undefined);
    }
  }
  const after = ratingsIn(g, spec);
  const done = [...after.values()].filter((v) => v !== null).length;
  g.say();
  g.say(`${done === after.size ? s.green('✓') : s.yellow('◐')} ${done} of ${after.size} statements rated in ${spec.file}.`);
  return true;
}

async function rateOne(
  g: Guide,
  spec: EntrySpec,
  st: Statement,
  current: number | null,
  baseline: number | null | undefined,
  words: (v: number | null | undefined) => string,
): Promise<Choice> {
  const s = g.style;
  g.say();
  for (const l of wrap(`${st.id}  ${st.heading}`, 78)) g.say(s.bold(l));
  for (const l of brief(st.text, 3)) g.say(s.dim(l));
  if (baseline !== undefined) g.say(`  At the baseline you rated this: ${s.bold(words(baseline))}`);
  const points = g.cat.programme.framework.scale.points;
  // Nothing is chosen for the participant: a stray Enter asks again rather than recording a rating.
  let choice: Choice = 'ask';
  for (let asked = 0; choice === 'ask'; asked++) {
    choice = await g.ask.select<Choice>({
      message: current
        ? `${st.id}: your confidence (now ${current}; Enter keeps it)`
        : asked === 0
          ? `${st.id}: your confidence`
          : `${st.id}: please choose a rating from 1 to 5 (or skip it for now)`,
      choices: [
        // The ratings first, so typing 1 to 5 picks them; the place the cursor starts, last.
        ...points.map((p) => ({ value: p.value as Choice, name: `${p.value}  ${p.label}${p.value === current ? ' (your rating now)' : ''}`, description: p.description })),
        { value: 'skip' as Choice, name: current ? 'Keep it as it is' : 'Skip this one for now' },
        { value: 'stop' as Choice, name: 'Stop for now (your ratings so far are saved)' },
        ...(current ? [] : [{ value: 'ask' as Choice, name: '(no rating chosen yet: type 1 to 5, or use the arrow keys)' }]),
      ],
      default: current ?? 'ask',
    });
  }
  if (choice === 'stop' || choice === 'skip') return choice;
  const rating = choice;
  const changed = saveAnswer(g.root, g.cat, spec, st.id, (raw) => withRating(raw, rating));
  if (changed) g.touched.add(spec.file);
  g.say(changed ? s.green(`  ✓ Saved: ${words(choice)}`) : s.dim(`  Unchanged: ${words(choice)}`));
  return choice;
}

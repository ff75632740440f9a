// Rating confidence against every KSS-AP statement, section by section, into
// the self-assessment item's "Confidence (1-5): N" lines.
import { ratingMarkdown } from '../portfolio/answers.js';
import { parseRating } from '../assess/answers.js';
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

/** The answer region with its rating line set, keeping anything else written there. */
export function withRating(raw: string, value: number): string {
  const line = /^([ \t]*Confidence[ \t]*\(1[-–]5\)[ \t]*:)[ \t]*(?:[1-5](?![^\s.,;]))?[ \t]*([^\r\n]*)$/im;
  if (line.test(raw)) return raw.replace(line, (_whole, head: string, rest: string) => `${head} ${value}${rest.trim() ? ` ${rest.trim()}` : ''}`);
  return [ratingMarkdown(value), raw.trim()].filter(Boolean).join('\n\n');
}

type Choice = number | 'skip' | 'stop';

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
  const choice = await g.ask.select<Choice>({
    message: `${st.id}: your confidence${current ? ` (now ${current})` : ''}`,
    choices: [
      ...points.map((p) => ({ value: p.value as Choice, name: `${p.value}  ${p.label}`, description: p.description })),
      { value: 'skip' as Choice, name: current ? 'Keep it as it is' : 'Skip this one for now' },
      { value: 'stop' as Choice, name: 'Stop for now (your ratings so far are saved)' },
    ],
    default: current ?? 3,
  });
  if (choice === 'stop' || choice === 'skip') return choice;
  const changed = saveAnswer(g.root, g.cat, spec, st.id, (raw) => withRating(raw, choice));
  if (changed) g.touched.add(spec.file);
  g.say(changed ? s.green(`  ✓ Saved: ${words(choice)}`) : s.dim(`  Unchanged: ${words(choice)}`));
  return choice;
}

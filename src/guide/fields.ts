// One prompt flow per kind of field. Each shows the question and its guidance
// briefly, offers back what is already there (keep / add to it / replace it),
// and saves the answer the moment it is given.
import { assessItem } from '../assess/assess.js';
import { chosenAreas, isAnswered as answered, isChecked } from '../assess/answers.js';
import { formatAnswer } from '../portfolio/answers.js';
import { citationText, fieldKey, type EntrySpec } from '../portfolio/layout.js';
import type { Guide } from './context.js';
import { rateStatements } from './selfassess.js';
import { currentRaw, readEntry, saveAnswer } from './store.js';
import type { Mode, Target } from './target.js';
import { askText, oneLine, saved } from './text-field.js';
import { listDrafts, readDraft } from './drafts.js';
import { warnDetails } from './details.js';
import { brief, plural, wrap } from './text.js';

export type { Mode, Target } from './target.js';

const BOX = /^[ \t]*[-*+][ \t]+\[([ xX])\]/;

/**
 * Whether a walk through the unanswered can pass the field by: answered by the
 * assessment's rule, on the file as it is, with nothing typed for it kept
 * from last time (that is offered back).
 */
export function isAnswered(g: Guide, t: Target): boolean {
  if (t.field.kind === 'entry') return itemProgress(g, t.field.entry ?? '')?.done ?? false;
  return answered(t.field, currentRaw(g.root, t.spec, g.cat, t.key)) && !readDraft(g.root, t);
}

export async function askField(g: Guide, t: Target, mode: Mode): Promise<void> {
  const { field } = t;
  const s = g.style;
  tellDrafts(g, t);
  g.say();
  g.say(`${s.bold(`${field.id}) ${oneLine(field.label)}`)}${field.required ? '' : s.dim(' (optional)')}`);
  if (field.context) {
    g.say(`  ${s.bold(field.context.title)}`);
    for (const l of wrap(field.context.text, 76, '  │ ')) g.say(l);
    g.say();
  }
  const ask = [field.prompt, field.guidance].filter((x): x is string => Boolean(x) && oneLine(x!) !== oneLine(field.label)).join('\n');
  if (ask) for (const l of brief(ask, 4)) g.say(s.dim(l));
  if (field.citation) for (const l of wrap(citationText(field.citation).replace(/\*/g, ''), 76, '  ')) g.say(l);
  const limit = field.word_limit ?? t.wordLimit;
  switch (field.kind) {
    case 'check':
      return askCheck(g, t, mode);
    case 'areas':
      return askAreas(g, t);
    case 'entry':
      return askEntry(g, t);
    case 'short':
      return askText(g, t, 'short', limit);
    case 'list':
      return askText(g, t, 'list', limit);
    default:
      return askText(g, t, 'long', limit);
  }
}

async function askCheck(g: Guide, t: Target, mode: Mode): Promise<void> {
  const raw = currentRaw(g.root, t.spec, g.cat, t.key);
  const ticked = isChecked(raw);
  if (ticked && mode === 'walk') return;
  const yes = await g.ask.confirm({ message: ticked ? 'Still ticked?' : 'Tick it?', default: true });
  if (yes === ticked) {
    g.say(g.style.dim(yes ? '  ✓ Ticked already' : '  Left unticked'));
    return;
  }
  const changed = saveAnswer(g.root, g.cat, t.spec, t.key, (now) => {
    const lines = now.replace(/\s+$/, '').split(/\r?\n/);
    const i = lines.findIndex((l) => BOX.test(l));
    if (i === -1) return [formatAnswer(t.field, yes), now.trim()].filter(Boolean).join('\n\n');
    lines[i] = lines[i]!.replace(/\[[ xX]\]/, yes ? '[x]' : '[ ]');
    return lines.join('\n');
  });
  saved(g, t, changed, yes ? ': ticked' : ': unticked');
}

async function askAreas(g: Guide, t: Target): Promise<void> {
  const { field } = t;
  const raw = currentRaw(g.root, t.spec, g.cat, t.key);
  const before = new Map(chosenAreas(raw).map((a) => [a.area, a.note] as const));
  const options = [...(field.options ?? [])];
  for (const a of before.keys()) if (!options.includes(a)) options.push(a);
  const picked = await g.ask.checkbox({
    message: `Tick the areas that apply (Space ticks, Enter when done)`,
    choices: options.map((o) => ({ value: o, name: before.has(o) && before.get(o) ? `${o} (${short(before.get(o)!)})` : o, checked: before.has(o) })),
  });
  const chosen = new Set(picked);
  for (const [area, note] of before) {
    if (chosen.has(area) || !note) continue;
    const drop = await g.ask.confirm({ message: `You unticked "${area}", which has a note ("${short(note)}"). Remove it and its note?`, default: false });
    if (!drop) chosen.add(area);
  }
  // Saved after the ticks and again after every note, so Ctrl-C at the next
  // question never loses one already given.
  const value: Record<string, string> = {};
  for (const area of options.filter((o) => chosen.has(o))) value[area] = before.get(area) ?? '';
  const save = () => saveAnswer(g.root, g.cat, t.spec, t.key, (now) => rebuildAreas(now, formatAnswer(field, value)));
  let changed = save();
  const question = field.option_prompt ?? 'a note';
  for (const area of Object.keys(value)) {
    const old = value[area] ?? '';
    const note = (await g.ask.input({ message: `${area}: ${question}`, ...(old ? { default: old } : {}) })).trim();
    value[area] = note || old;
    if (save()) changed = true;
  }
  if (chosen.size === 0 && !changed) {
    g.say(g.style.dim('  Nothing ticked: left for now.'));
    return;
  }
  saved(g, t, changed, `: ${plural(chosen.size, 'area')}`);
  // A note is a line of the checklist: said, and left for verify to list or the participant to mark.
  warnDetails(g, t);
}

const told = new WeakSet<Guide>();

/** Once a session: answers elsewhere that were being typed when permanence last stopped, and how to take them up. */
function tellDrafts(g: Guide, t: Target): void {
  if (told.has(g)) return;
  told.add(g);
  const others = listDrafts(g.root).filter((d) => d.file !== t.spec.file || d.key !== t.key);
  if (others.length === 0) return;
  g.say();
  g.say(g.style.yellow(`  Kept from last time, typed when permanence stopped and not saved as an answer yet:`));
  for (const d of others) {
    const week = /^module-(\d+)\/week-(\d+)\.md$/.exec(d.file);
    const task = /^(\d+)/.exec(d.key)?.[1];
    const how = week && task ? `: permanence week ${week[1]}.${week[2]} --task ${task}` : '';
    g.say(`  - ${d.file}, ${d.where} (${d.at})${how}`);
  }
}

const short = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The areas' checklist replaced, and anything else written under the heading kept. */
export function rebuildAreas(raw: string, list: string): string {
  const lines = raw.replace(/\s+$/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => BOX.test(l));
  if (first === -1) return [list, raw.trim()].filter(Boolean).join('\n\n');
  const before = lines.slice(0, first).join('\n').trim();
  const after = lines
    .slice(first)
    .filter((l) => !BOX.test(l))
    .join('\n')
    .trim();
  return [before, list, after].filter(Boolean).join('\n\n');
}

/** How far a portfolio item is filled in: the assessment's answer for it. */
export function itemProgress(g: Guide, id: string): { done: boolean; answered: number; total: number; spec: EntrySpec } | undefined {
  const item = g.cat.programme.items.find((i) => i.id === id);
  const spec = item && g.specs.find((x) => x.file === item.file);
  if (!item || !spec) return undefined;
  const result = assessItem(g.cat, item, readEntry(g.root, spec, g.cat));
  return { done: result.state === 'answered', answered: result.answered, total: result.total, spec };
}

async function askEntry(g: Guide, t: Target): Promise<void> {
  const item = g.cat.item(t.field.entry ?? '');
  const progress = item && itemProgress(g, item.id);
  if (!item || !progress) {
    g.say(g.style.dim('  (answered in another part of the portfolio)'));
    return;
  }
  const s = g.style;
  const state = progress.done
    ? s.green('✓ done')
    : progress.answered === 0
      ? `○ not started`
      : s.yellow(`◐ ${progress.answered} of ${progress.total} ${item.kind === 'selfassessment' ? 'rated' : 'answered'}`);
  g.say(`  This is answered in ${s.bold(item.file)}: ${state}`);
  g.say(s.dim(`  (${item.title})`));
  if (item.kind === 'selfassessment') {
    const stage = item.stage ?? 'baseline';
    const go = await g.ask.select({
      message: progress.done ? 'Your ratings are all there. Look at them again?' : 'Rate your confidence now?',
      choices: progress.done
        ? [
            { value: false, name: 'No, leave them as they are' },
            { value: true, name: 'Yes, go through them' },
          ]
        : [
            { value: true, name: `Yes, now (${progress.total - progress.answered} statements; you can stop at any time)` },
            { value: false, name: `Later (permanence selfassess --stage ${stage})` },
          ],
      default: !progress.done,
    });
    if (go) await rateStatements(g, stage, progress.done ? 'all' : 'walk');
    return;
  }
  const go = await g.ask.select({
    message: progress.done ? 'Leave it as it is?' : 'Fill it in now?',
    choices: progress.done
      ? [
          { value: false, name: 'Leave it as it is' },
          { value: true, name: 'Look at it and change it' },
        ]
      : [
          { value: true, name: 'Yes, fill it in now' },
          { value: false, name: `Later (it stays in ${item.file})` },
        ],
    default: !progress.done,
  });
  if (!go) return;
  g.say(s.dim(`  ── ${item.title} (${item.file}) ──`));
  for (const f of item.fields) {
    const target: Target = { spec: progress.spec, key: fieldKey(null, f.id), field: f, where: `${item.file} ${f.id})` };
    if (!progress.done && isAnswered(g, target)) continue;
    await askField(g, target, progress.done ? 'all' : 'walk');
  }
  g.say(s.dim(`  ── back to ${t.where} ──`));
}


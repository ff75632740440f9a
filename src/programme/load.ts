import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Item, Module, Programme, Statement, Task, Week } from './types.js';

/** The programme with the look-ups every command needs, built once. */
export interface Catalogue {
  programme: Programme;
  statements: Statement[];
  week(module: number, week: number): Week | undefined;
  task(module: number, week: number, task: number): Task | undefined;
  item(id: string): Item | undefined;
  /** Statements linked to a week ("1.4"). */
  statementsForWeek(ref: string): Statement[];
  /** Every week in programme order with its module. */
  weeks: { module: Module; week: Week; ref: string }[];
}

let cached: Catalogue | undefined;

/** The resolved programme the build wrote (dist/programme.json), read once per process. */
export function loadProgramme(): Catalogue {
  if (!cached) {
    // From src/programme (tests) or dist/programme (the CLI): the file sits in dist/.
    const here = fileURLToPath(new URL('.', import.meta.url));
    const candidates = [new URL('../programme.json', import.meta.url), new URL('../../dist/programme.json', import.meta.url)];
    let text: string | undefined;
    for (const c of candidates) {
      try {
        text = readFileSync(c, 'utf8');
        break;
      } catch {
        // try the next place
      }
    }
    if (text === undefined) throw new Error(`The built programme is missing near ${here} (run 'npm run build').`);
    cached = catalogue(JSON.parse(text) as Programme);
  }
  return cached;
}

export function catalogue(programme: Programme): Catalogue {
  const statements = programme.framework.sections.flatMap((s) => s.statements);
  const byWeek = new Map<string, Statement[]>();
  for (const st of statements) {
    for (const wk of st.weeks) {
      const list = byWeek.get(wk) ?? [];
      list.push(st);
      byWeek.set(wk, list);
    }
  }
  const weeks = programme.modules.flatMap((module) =>
    module.weeks.map((week) => ({ module, week, ref: `${module.number}.${week.number}` })),
  );
  const week = (m: number, w: number) => programme.modules.find((x) => x.number === m)?.weeks.find((x) => x.number === w);
  return {
    programme,
    statements,
    weeks,
    week,
    task: (m, w, t) => week(m, w)?.tasks.find((x) => x.number === t),
    item: (id) => programme.items.find((i) => i.id === id),
    statementsForWeek: (ref) => byWeek.get(ref) ?? [],
  };
}

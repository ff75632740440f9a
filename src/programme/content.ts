// Reads content/ (YAML), validates each file against its schema and resolves
// what the files leave implicit (inherited provenance, defaults), then checks
// that the pieces refer to each other correctly. Used by the build and the tests;
// the CLI reads the build's resolved JSON instead (see load.ts).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type {
  Field,
  Framework,
  Item,
  Module,
  Programme,
  Provenance,
  Requirement,
  Task,
  Week,
} from './types.js';
import { describeError, usefulErrors, type Validator, type Validators } from './validators.js';
import { lineOfPointer, parseLocated } from '../util/yaml-location.js';

export interface ContentResult {
  programme?: Programme;
  /** "file:line path: message" */
  errors: string[];
}

type Raw = Record<string, unknown>;

export function readContent(dir: string, v: Validators): ContentResult {
  const errors: string[] = [];
  const load = (file: string, validate: Validator): Raw | undefined => {
    const path = join(dir, file);
    const shown = relative(join(dir, '..'), path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      errors.push(`${shown}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      return undefined;
    }
    const located = parseLocated(text);
    if (located.doc.errors.length > 0) {
      for (const e of located.doc.errors) errors.push(`${shown}:${e.linePos?.[0]?.line ?? 1} ${e.message.split('\n')[0]}`);
      return undefined;
    }
    const data = located.doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (!validate(data)) {
      for (const e of usefulErrors(validate.errors)) {
        errors.push(`${shown}:${lineOfPointer(located, e.instancePath)} ${describeError(e)}`);
      }
      return undefined;
    }
    return data as Raw;
  };

  const index = load('programme.yaml', v.programme);
  if (!index) return { errors };
  const modules = (index.modules as string[]).map((f) => load(f, v.module));
  const items = load(index.items as string, v.items);
  const requirements = load(index.requirements as string, v.requirements);
  const framework = load(index.framework as string, v.framework);
  if (errors.length > 0 || !items || !requirements || !framework || modules.some((m) => !m)) return { errors };

  const programme: Programme = {
    id: index.id as string,
    title: index.title as string,
    version: index.version as string,
    modules: (modules as Raw[]).map(resolveModule),
    items: ((items.items as Raw[]) ?? []).map(resolveItem),
    requirements: (requirements.requirements as Requirement[]).map((r) => ({ ...r })),
    framework: resolveFramework(framework),
  };
  errors.push(...crossCheck(programme));
  return errors.length > 0 ? { errors } : { programme, errors };
}

function resolveFields(fields: Raw[], parent: Provenance, taskLimit?: number): Field[] {
  return fields.map((f) => {
    const field = { ...f, required: f.required ?? true, provenance: (f.provenance as Provenance) ?? parent } as Field;
    // A task's word limit applies to its long answer when it has exactly one.
    if (taskLimit && field.word_limit === undefined && field.kind === 'long' && fields.filter((x) => x.kind === 'long').length === 1) {
      field.word_limit = taskLimit;
    }
    if (field.citation) field.citation = { ...field.citation, year: String(field.citation.year) };
    return field;
  });
}

function resolveModule(raw: Raw): Module {
  const provenance = raw.provenance as Provenance;
  const weeks = (raw.weeks as Raw[]).map((w): Week => {
    const wp = (w.provenance as Provenance) ?? provenance;
    const tasks = (w.tasks as Raw[]).map((t): Task => {
      const tp = (t.provenance as Provenance) ?? wp;
      return {
        ...(t as unknown as Task),
        portfolio: (t.portfolio as boolean) ?? false,
        provenance: tp,
        fields: resolveFields(t.fields as Raw[], tp, t.word_limit as number | undefined),
      };
    });
    const material = (w.material as Raw[] | undefined)?.map((m) => ({
      ...(m as { title: string; text: string }),
      provenance: (m.provenance as Provenance) ?? wp,
    }));
    return { ...(w as unknown as Week), provenance: wp, tasks, ...(material ? { material } : {}) };
  });
  const learning_outcomes = (raw.learning_outcomes as Raw[]).map((o) => ({
    text: o.text as string,
    provenance: (o.provenance as Provenance) ?? provenance,
  }));
  return { ...(raw as unknown as Module), learning_outcomes, weeks };
}

function resolveItem(raw: Raw): Item {
  const provenance = raw.provenance as Provenance;
  return { ...(raw as unknown as Item), fields: resolveFields((raw.fields as Raw[]) ?? [], provenance) };
}

function resolveFramework(raw: Raw): Framework {
  const f = raw as unknown as Framework;
  return {
    ...f,
    sections: f.sections.map((s) => ({
      ...s,
      statements: s.statements.map((st) => ({ ...st, section: st.section ?? s.number })),
    })),
  };
}

/** What no schema can see: numbering, ids that must exist, links that must resolve. */
function crossCheck(p: Programme): string[] {
  const errors: string[] = [];
  const itemIds = new Set(p.items.map((i) => i.id));
  p.modules.forEach((m, mi) => {
    if (m.number !== mi + 1) errors.push(`content/programme.yaml: module ${mi + 1} is listed in the place of module ${m.number}`);
    m.weeks.forEach((w, wi) => {
      const where = `module ${m.number} week ${w.number}`;
      if (w.number !== wi + 1) errors.push(`${where}: weeks must be numbered 1 to 7 in order`);
      const expected = w.number === 4 ? 'workshop' : w.number === 3 || w.number === 7 ? 'reading' : 'activities';
      if (w.kind !== expected) errors.push(`${where}: kind is '${w.kind}', the weekly pattern says '${expected}'`);
      w.tasks.forEach((t, ti) => {
        if (t.number !== ti + 1) errors.push(`${where}: task ${t.number} stands in place ${ti + 1} (tasks are numbered from 1 in order)`);
        const ids = new Set<string>();
        for (const f of t.fields) {
          if (ids.has(f.id)) errors.push(`${where} task ${t.number}: field id '${f.id}' is used twice`);
          ids.add(f.id);
          if (f.kind === 'entry' && !itemIds.has(f.entry ?? '')) {
            errors.push(`${where} task ${t.number} field ${f.id}: entry '${f.entry}' is not an item in items.yaml`);
          }
        }
        for (const id of t.statements ?? []) {
          const st = p.framework.sections.flatMap((s) => s.statements).find((s) => s.id === id);
          if (!st) errors.push(`${where} task ${t.number}: statement ${id} is not in the framework`);
          else if (!st.weeks.includes(`${m.number}.${w.number}`)) errors.push(`${where} task ${t.number}: statement ${id} is not linked to week ${m.number}.${w.number}`);
        }
      });
    });
  });
  const seenFiles = new Set<string>();
  for (const item of p.items) {
    if (seenFiles.has(item.file)) errors.push(`content/items.yaml: file '${item.file}' is used by two items`);
    seenFiles.add(item.file);
    if (item.kind === 'selfassessment' && !item.stage) errors.push(`content/items.yaml: ${item.id} is a self-assessment without a stage`);
    if (item.kind === 'text' && item.fields.length === 0) errors.push(`content/items.yaml: ${item.id} has no fields to answer`);
  }
  const reqIds = new Set<string>();
  for (const r of p.requirements) {
    if (reqIds.has(r.id)) errors.push(`content/requirements.yaml: id '${r.id}' is used twice`);
    reqIds.add(r.id);
    for (const ref of r.satisfied_by) {
      if (!resolvesRef(p, ref)) errors.push(`content/requirements.yaml: ${r.id}: '${ref}' names no task, week or item`);
    }
  }
  const statementIds = new Set<string>();
  for (const s of p.framework.sections) {
    s.statements.forEach((st, i) => {
      if (st.id !== `AP${s.number}.${i + 1}`) errors.push(`framework: statement ${st.id} stands where AP${s.number}.${i + 1} belongs`);
      if (statementIds.has(st.id)) errors.push(`framework: statement id ${st.id} is used twice`);
      statementIds.add(st.id);
      for (const wk of st.weeks) if (!resolvesRef(p, wk)) errors.push(`framework: ${st.id} links to week ${wk}, which does not exist`);
    });
  }
  return errors;
}

export function resolvesRef(p: Programme, ref: string): boolean {
  if (ref.startsWith('item:')) return p.items.some((i) => i.id === ref.slice(5));
  const [m, w, t] = ref.split('.').map(Number);
  const week = p.modules.find((x) => x.number === m)?.weeks.find((x) => x.number === w);
  if (!week) return false;
  return t === undefined || week.tasks.some((x) => x.number === t);
}

// Every schema rejects a broken example with a message naming the path, and
// content that breaks its schema fails with the file, the line and the rule.
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeError, usefulErrors, validators, type Validator } from '../../src/programme/validators.js';
import { readContent } from '../../src/programme/content.js';
import { ROOT, tmp } from '../helpers.js';

const v = validators();
const yamlFile = (p: string) => parse(readFileSync(join(ROOT, p), 'utf8')) as Record<string, unknown>;

/** The messages a validator gives for data, as a person reads them. */
function messages(validate: Validator, data: unknown): string[] {
  expect(validate(data)).toBe(false);
  return usefulErrors(validate.errors).map(describeError);
}

describe('schemas', () => {
  it('the shipped content validates against its schemas', () => {
    const { programme, errors } = readContent(join(ROOT, 'content'), v);
    expect(errors).toEqual([]);
    expect(programme!.modules).toHaveLength(4);
  });

  it('module: a task with a field of an unknown kind is named by its path', () => {
    const m = yamlFile('content/modules/module-1.yaml') as { weeks: { tasks: { fields: { kind: string }[] }[] }[] };
    m.weeks[1]!.tasks[4]!.fields[0]!.kind = 'essay';
    expect(messages(v.module, m)).toContain('/weeks/1/tasks/4/fields/0/kind: must be one of "short", "long", "check", "areas", "list", "reading", "entry"');
  });

  it('framework: a statement with a malformed week link', () => {
    const f = yamlFile('content/frameworks/kss-ap.yaml') as { sections: { statements: { weeks: string[] }[] }[] };
    f.sections[0]!.statements[0]!.weeks[0] = '1.9';
    expect(messages(v.framework, f).join('\n')).toContain('/sections/0/statements/0/weeks/0: must match pattern');
  });

  it('items: an item without a file', () => {
    const i = yamlFile('content/items.yaml') as { items: Record<string, unknown>[] };
    delete i.items[2]!.file;
    expect(messages(v.items, i)).toContain("/items/2: missing 'file'");
  });

  it('requirements: a ref that is not a task, week or item', () => {
    const r = yamlFile('content/requirements.yaml') as { requirements: { satisfied_by: string[] }[] };
    r.requirements[0]!.satisfied_by.push('week two');
    expect(messages(v.requirements, r).join('\n')).toContain('/requirements/0/satisfied_by/2: must match pattern');
  });

  it('programme: an unknown key', () => {
    expect(messages(v.programme, { ...yamlFile('content/programme.yaml'), colour: 'blue' })).toContain("(top level): unknown key 'colour'");
  });

  it('portfolio.yaml: a start date that is not YYYY-MM-DD', () => {
    const config = { permanence: 1, programme: 'achieving-permanence', content_version: '1.0.0', participant: 'A', start_date: '2 March 2026' };
    expect(messages(v.portfolio, config).join('\n')).toContain('/start_date: must match pattern');
  });

  it('entry front matter: a week without its number', () => {
    expect(messages(v.entry, { permanence: 'week', module: 1, title: 'x' })).toContain("(top level): missing 'week'");
  });

  it('assessment and verify report: a wrong type is named by its path', () => {
    expect(messages(v.assessment, { complete: 'yes' }).join('\n')).toContain('/complete: must be boolean');
    expect(messages(v.verifyReport, { permanence: '1', complete: true, summary: { portfolios: 1, complete: 1 }, portfolios: [{ path: 1 }] }).join('\n')).toContain('/portfolios/0/path: must be string');
  });

  it('content that breaks its schema fails with the file, the line and the rule', () => {
    const dir = tmp();
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    const file = join(dir, 'content/modules/module-2.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/kind: activities/, 'kind: lecture'));
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('kind: lecture')) + 1;
    const { errors } = readContent(join(dir, 'content'), v);
    expect(errors).toContain(`content/modules/module-2.yaml:${line} /weeks/0/kind: must be one of "activities", "reading", "workshop"`);
  });

  it('cross-checks what no schema sees: a requirement naming a task that does not exist', () => {
    const dir = tmp();
    cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
    const file = join(dir, 'content/requirements.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- 1.5.3', '- 1.5.9'));
    expect(readContent(join(dir, 'content'), v).errors).toContain("content/requirements.yaml: reflective-study-1.5: '1.5.9' names no task, week or item");
  });
});

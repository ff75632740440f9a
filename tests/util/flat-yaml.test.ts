// The flat fast path must agree with the YAML library on everything it accepts,
// and hand everything else over.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { parseFlatYaml } from '../../src/util/flat-yaml.js';

const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,12}$/);
const scalar = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.constantFrom('2026-03-02', '1.0.0', '1.0', '10.20.30', 'true', 'false', 'null', '~', 'yes', 'No', '1.5', '0x1F', '0o17', '007', '-0', '+3', '.inf', '1e3', '[1, 2]', '{a: 1}', '&a x', '*a', '!tag x', '|', '>', '- x', 'a: b', 'a #c', "'quoted'", '"dq"', '"esc\\n"', "'it''s'", 'Zoë Ó’Brien', 'Module 1, week 2: x', 'A. Practitioner', '"Module 1, week 2: Critical themes"'),
  fc.string({ maxLength: 20 }),
);
const comment = fc.constantFrom('', ' # a comment', '  #x', '#not a comment');
const line = fc.tuple(key, scalar, comment).map(([k, v, c]) => `${k}: ${v}${c}`);
const doc = fc.array(fc.oneof(line, line, line, fc.constantFrom('', '# note', '  nested: 1', '---', 'list:', '- a')), { maxLength: 8 }).map((ls) => ls.join('\n'));

describe('the flat YAML fast path', () => {
  it('agrees with yaml on every document it accepts', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const flat = parseFlatYaml(text);
        if (!flat) return;
        let expected: unknown;
        try {
          expected = parse(text, { uniqueKeys: true }) ?? {};
        } catch {
          throw new Error(`the fast path accepted what yaml rejects:\n${text}`);
        }
        expect(flat.data).toEqual(expected);
      }),
      { numRuns: 3000, seed: 20261202 },
    );
  });

  it('accepts what permanence writes, and gives the lines of the keys', () => {
    const text = `${stringify({ permanence: 'week', module: 1, week: 2, title: 'Module 1, week 2: Critical themes and issues' })}`;
    const flat = parseFlatYaml(text)!;
    expect(flat.data).toEqual({ permanence: 'week', module: 1, week: 2, title: 'Module 1, week 2: Critical themes and issues' });
    expect(flat.lines.week).toBe(3);
    const config = 'permanence: 1\nparticipant: Zoë Ó’Brien # your name, or a pseudonym\nstart_date: 2026-03-02\r\ncohort: ""\n';
    expect(parseFlatYaml(config)!.data).toEqual(parse(config));
  });

  it('hands over duplicate keys, nesting and anything unusual', () => {
    for (const text of ['a: 1\na: 2', 'a:\n  b: 1', 'a: [1]', 'a: &x 1\nb: *x', 'a: "esc\\"q"', 'a: true', '---\na: 1', 'a: 1.5', 'a: |\n  x']) {
      expect(parseFlatYaml(text), text).toBeUndefined();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { loadProgramme } from '../../src/programme/load.js';
import { entrySpecs, type EntrySpec } from '../../src/portfolio/layout.js';
import { renderEntry } from '../../src/portfolio/template.js';
import { parseEntry } from '../../src/portfolio/entry.js';
import { setAnswer } from '../../src/portfolio/write.js';
import { assess } from '../../src/assess/assess.js';
import { answerText } from '../../src/assess/answers.js';
import type { Portfolio } from '../../src/portfolio/portfolio.js';
import { readInside } from '../../src/portfolio/read.js';
import { findIdentifyingDetails } from '../../src/privacy/identifying.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cat = loadProgramme();
const specs = entrySpecs(cat);
const spec = (file: string) => specs.find((s) => s.file === file)!;
const week12 = spec('module-1/week-2.md');

/** Where two strings first and last differ: [prefix length, suffix length]. */
function sameEnds(a: string, b: string): [number, number] {
  let p = 0;
  while (p < a.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return [p, s];
}

function assessOne(s: EntrySpec, text: string) {
  const entry = parseEntry(text, s, cat);
  const portfolio: Portfolio = { root: '/x', specs, entries: new Map([[s.file, entry]]), problems: entry.problems };
  return assess(cat, portfolio, { today: '2026-05-11' });
}

describe('a portfolio entry, read and written back', () => {
  it('every template parses with no problems and every answer slot found', () => {
    for (const s of specs) {
      const entry = parseEntry(renderEntry(s, cat), s, cat);
      expect(entry.problems, s.file).toEqual([]);
      const expected =
        s.kind === 'week' ? s.week.tasks.reduce((n, t) => n + t.fields.length, 0) : s.kind === 'item' ? s.item.fields.length : s.statements.length + 5;
      expect(entry.slots.size, s.file).toBe(expected);
    }
  });

  it('a fresh template counts as unanswered everywhere (the template is not an answer)', () => {
    for (const s of specs) {
      const entry = parseEntry(renderEntry(s, cat), s, cat);
      if (s.kind === 'selfassessment') continue;
      const fields = s.kind === 'week' ? s.week.tasks.flatMap((t) => t.fields.map((f) => [`${t.number}${f.id}`, f] as const)) : s.item.fields.map((f) => [f.id, f] as const);
      for (const [key, field] of fields) expect(answerText(entry.slots.get(key)!.raw, field), `${s.file} ${key}`).toBe('');
    }
    const a = assessOne(week12, renderEntry(week12, cat));
    expect(a.modules[0]!.weeks[1]!.answered).toBe(0);
  });

  it('writing an answer back unchanged gives identical bytes', () => {
    const filled = fill(renderEntry(week12, cat), '2a', 'My honest response.\n\nA second paragraph.');
    const entry = parseEntry(filled, week12, cat);
    const again = setAnswer(entry, '2a', answerText(entry.slots.get('2a')!.raw));
    expect(again).toBe(filled);
  });

  it('filling one task changes only that task’s text', () => {
    const before = renderEntry(week12, cat);
    const after = fill(before, '5a', 'Reflective study text.');
    const [prefix, suffix] = sameEnds(before, after);
    const slot = parseEntry(before, week12, cat).slots.get('5a')!;
    expect(prefix).toBeGreaterThanOrEqual(slot.start - 2);
    expect(before.length - suffix).toBeLessThanOrEqual(slot.end);
    expect(after).toContain('Reflective study text.');
    const entry = parseEntry(after, week12, cat);
    expect(answerText(entry.slots.get('5a')!.raw)).toBe('Reflective study text.');
    const original = parseEntry(before, week12, cat).slots;
    for (const [k, v] of entry.slots) if (k !== '5a') expect(v.raw, k).toBe(original.get(k)!.raw);
  });

  it('keeps Windows line endings and a byte-order mark', () => {
    const crlf = '\ufeff' + renderEntry(week12, cat).replace(/\n/g, '\r\n');
    const entry = parseEntry(crlf, week12, cat);
    expect(entry.problems).toEqual([]);
    expect(entry.bom).toBe(true);
    const out = setAnswer(entry, '3a', 'Line one.\nLine two.');
    expect(out.startsWith('\ufeff---\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    const back = parseEntry(out, week12, cat);
    expect(answerText(back.slots.get('3a')!.raw).replace(/\r\n/g, '\n')).toBe('Line one.\nLine two.');
  });

  it('a heading the participant added survives: below a question’s level it is part of the answer, at a task’s level it starts notes of their own', () => {
    const filled = fill(renderEntry(week12, cat), '2b', 'First thoughts.');
    const inAnswer = parseEntry(filled.replace('First thoughts.', 'First thoughts.\n\n#### A thought of my own\n\nMore.'), week12, cat);
    expect(inAnswer.problems).toEqual([]);
    expect(answerText(inAnswer.slots.get('2b')!.raw)).toContain('#### A thought of my own');
    const withOwn = filled.replace('First thoughts.', 'First thoughts.\n\n## My own heading\n\nMore notes.');
    const entry = parseEntry(withOwn, week12, cat);
    expect(entry.problems.map((p) => p.code)).toEqual(['outside-answer']);
    expect(entry.outside[0]!.text).toBe('## My own heading\n\nMore notes.');
    expect(answerText(entry.slots.get('2b')!.raw)).toBe('First thoughts.');
    const changed = setAnswer(entry, '5a', 'Study.');
    expect(changed).toContain('## My own heading\n\nMore notes.');
  });

  it('an answer whose heading was deleted is written back under a restored heading', () => {
    const text = renderEntry(week12, cat);
    const heading = text.match(/^### c\) .*$/m)![0];
    const without = text.replace(`${heading}\n\n`, '');
    const entry = parseEntry(without, week12, cat);
    const key = [...parseEntry(text, week12, cat).slots.values()].find((s) => text.slice(s.headingStart).startsWith(heading))!.key;
    expect(entry.slots.has(key)).toBe(false);
    const out = setAnswer(entry, key, 'Restored answer.');
    const back = parseEntry(out, week12, cat);
    expect(answerText(back.slots.get(key)!.raw)).toBe('Restored answer.');
  });

  it('an answer that begins with a quotation keeps it (only the template’s own quote is the prompt)', () => {
    const filled = fill(renderEntry(week12, cat), '3a', '> “What would the child say?”\n\nThat question stayed with me.');
    const entry = parseEntry(filled, week12, cat);
    expect(answerText(entry.slots.get('3a')!.raw)).toBe('> “What would the child say?”\n\nThat question stayed with me.');
    expect(setAnswer(entry, '3a', answerText(entry.slots.get('3a')!.raw))).toBe(filled);
  });

  it('a prompt line an editor re-quoted or re-spaced is still the prompt, not an answer', () => {
    const lines = renderEntry(week12, cat).split('\n');
    // A line of a field's own prompt, just under its heading.
    const at = lines.findIndex((l, i) => l.startsWith('> ') && l.length > 20 && lines[i - 2]?.startsWith('### '));
    const quoted = lines[at]!;
    for (const edited of [`> ${quoted}`, quoted.replace('> ', '>    '), `  ${quoted}`]) {
      const text = [...lines.slice(0, at), edited, ...lines.slice(at + 1)].join('\n');
      const r = assessOne(week12, text);
      expect(r.modules[0]!.weeks[1]!.state, edited).toBe('empty');
    }
  });

  it('a template has no identifying details of its own, and one written into its heading or prompt is found', () => {
    const template = renderEntry(week12, cat);
    const lines = template.split('\n');
    const heading = lines.findIndex((l) => l.startsWith('## Task'));
    const prompt = lines.findIndex((l, i) => l.startsWith('> ') && /\d/.test(l) && lines[i - 2]?.startsWith('### '));
    expect(heading).toBeGreaterThan(0);
    expect(prompt).toBeGreaterThan(0);
    const plain = parseEntry(template, week12, cat);
    expect(findIdentifyingDetails(plain.text)).toEqual([]);
    for (const at of [heading, prompt]) {
      const edited = [...lines];
      edited[at] = `${edited[at]} Call 0161 496 0000 after 4pm.`;
      const entry = parseEntry(edited.join('\n'), week12, cat);
      const found = findIdentifyingDetails(entry.text);
      expect(found.map((f) => [f.line, f.kind]), edited[at]).toEqual([[at + 1, 'phone']]);
    }
  });

  it('the scan finds the same details with Windows line endings, byte-order marks and spaces around a prompt', () => {
    const template = renderEntry(week12, cat);
    const lines = template.split('\n');
    const heading = lines.findIndex((l) => l.startsWith('## Task'));
    const prompt = lines.findIndex((l, i) => l.startsWith('> ') && /\d/.test(l) && lines[i - 2]?.startsWith('### '));
    const edited = [...lines];
    edited[heading + 1] = 'Met on 15/04/2012, DOB; phone 0161 496 0000.';
    edited[prompt] = `  ${edited[prompt]}\t`;
    for (const text of [edited.join('\r\n'), `\ufeff${edited.join('\r\n')}`, `\ufeff\ufeff${edited.join('\n')}`]) {
      const entry = parseEntry(text, week12, cat);
      const found = findIdentifyingDetails(entry.text);
      expect(found.map((f) => [f.line, f.kind])).toEqual([
        [heading + 2, 'date-of-birth'],
        [heading + 2, 'phone'],
      ]);
    }
  });

  it('reads UTF-8 text exactly as TextDecoder does: accents, curly quotes, emoji, CRLF, a byte-order mark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'permanence-decode-'));
    const samples = ['plain ASCII\n', 'Zoë’s “café” — naïve\r\n', 'music 𝄞 and 😀 and 中文\n', '\ufeffwith a byte-order mark\n', '\ufeff', '\ufeff\ufeffx', '', 'é'.repeat(70000)];
    samples.forEach((sample, i) => {
      writeFileSync(join(dir, `${i}.md`), sample);
      const read = readInside(dir, `${i}.md`);
      expect(read && 'text' in read ? read.text : read).toBe(new TextDecoder().decode(Buffer.from(sample)));
    });
  });

  it('broken front matter is reported with the file, the line and the fix', () => {
    const broken = renderEntry(week12, cat).replace('week: 2', 'week: [2');
    const entry = parseEntry(broken, week12, cat);
    expect(entry.problems[0]).toMatchObject({ file: 'module-1/week-2.md', severity: 'error', code: 'front-matter' });
    expect(entry.problems[0]!.line).toBeGreaterThanOrEqual(2);
    expect(entry.problems[0]!.fix).toBeTruthy();
    // the answers are still read
    expect(entry.slots.size).toBeGreaterThan(0);
  });

  it('front matter that names the wrong week points at the line', () => {
    const wrong = renderEntry(week12, cat).replace('week: 2', 'week: 3');
    const p = parseEntry(wrong, week12, cat).problems[0]!;
    expect(p.line).toBe(wrong.split('\n').findIndex((l) => l === 'week: 3') + 1);
    expect(p.fix).toBe('set week: 2');
  });

  it('never runs JavaScript front matter', () => {
    const js = '---js\n{ title: (globalThis.ran = true, "x") }\n---\n# body\n';
    const p = parseEntry(js, week12, cat).problems;
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
    expect(p[0]!.message).toContain('never runs code');
  });

  it('finds text written outside any answer, keeps it, and counts it as no answer', () => {
    const template = renderEntry(week12, cat);
    const lines = template.split('\n');
    const task3 = lines.findIndex((l) => l.startsWith('## Task 3'));
    const task5 = lines.findIndex((l) => l.startsWith('## Task 5'));
    const task5a = lines.findIndex((l, i) => i > task5 && l.startsWith('### a)'));
    const edited = [...lines];
    // An answer whose field heading was deleted (the first of its task: it now sits under the task heading).
    edited.splice(task5a, 1, 'My reflective study, written where the heading was.');
    // Notes under a task heading, above its first question.
    edited.splice(task3 + 1, 0, '', 'I came back to this after supervision.');
    // A section of their own at the end.
    edited.push('', '## My notes for this week', '', 'Ask my manager about the court date.');
    const text = edited.join('\n');
    const entry = parseEntry(text, week12, cat);
    const last = week12.kind === 'week' ? week12.week.tasks.at(-1)!.number : 0;
    expect(entry.outside.map((o) => [o.task, o.text])).toEqual([
      [3, 'I came back to this after supervision.'],
      [5, 'My reflective study, written where the heading was.'],
      [last, '## My notes for this week\n\nAsk my manager about the court date.'],
    ]);
    expect(entry.outside.map((o) => edited[o.line - 1])).toEqual(['I came back to this after supervision.', 'My reflective study, written where the heading was.', '## My notes for this week']);
    expect(entry.problems.filter((p) => p.code === 'outside-answer').map((p) => [p.line, p.severity])).toEqual(entry.outside.map((o) => [o.line, 'warning']));
    // None of it is an answer: task 5 is not answered, and the last answer does not take in the notes.
    const r = assessOne(week12, text);
    expect(r.modules[0]!.weeks[1]!.tasks.find((t) => t.number === 5)!.state).toBe('empty');
    expect([...entry.slots.values()].some((sl) => sl.raw.includes('court date'))).toBe(false);
  });

  it('a fresh template has nothing outside its answers', () => {
    for (const sp of specs) expect(parseEntry(renderEntry(sp, cat), sp, cat).outside, sp.file).toEqual([]);
  });
});


function fill(text: string, key: string, answer: string): string {
  return setAnswer(parseEntry(text, week12, cat), key, answer);
}

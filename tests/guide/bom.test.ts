// A file saved by a Windows editor with a byte-order mark (and CRLF) keeps
// both when permanence writes an answer into it, the first save included.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { week } from '../../src/commands/week.js';
import { newPortfolio, scriptedPrompter, testIO } from './scripted.js';

const FILE = 'module-1/week-2.md';

function withBom(dir: string): string {
  const path = join(dir, FILE);
  writeFileSync(path, `\ufeff${readFileSync(path, 'utf8').replace(/\r?\n/g, '\r\n')}`);
  return path;
}

async function answer(dir: string, text: string, task = 3) {
  const p = scriptedPrompter([
    { select: 'What would you like to do?', answer: task },
    { multiline: /to finish/i, answer: text },
    { select: 'What would you like to do?', answer: 'stop' },
  ]);
  expect(await week(testIO(dir), '1.2', { dir }, p)).toBe(0);
  p.done();
}

describe('the byte-order mark', () => {
  it('is kept on the first save and every save after it, with the CRLF line endings', async () => {
    const dir = await newPortfolio();
    const path = withBom(dir);
    await answer(dir, 'First answer.');
    let bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3, 6).toString()).not.toContain('\ufeff');
    expect(bytes.toString('utf8')).toContain('First answer.\r\n');
    expect(bytes.toString('utf8').replace(/\r\n/g, '')).not.toContain('\n');
    await answer(dir, 'Second answer.', 4);
    bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.indexOf(Buffer.from([0xef, 0xbb, 0xbf]), 3)).toBe(-1);
  });

  it('is kept by week --answers too', async () => {
    const dir = await newPortfolio();
    const path = withBom(dir);
    const answers = join(dir, '..', 'answers.yaml');
    writeFileSync(answers, '"1.2":\n  3: { a: "From a file." }\n');
    expect(await week(testIO(dir), '1.2', { dir, answers })).toBe(0);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('From a file.\r\n');
  });

  it('is not added to a file that had none', async () => {
    const dir = await newPortfolio();
    await answer(dir, 'An answer.');
    expect(readFileSync(join(dir, FILE))[0]).not.toBe(0xef);
  });
});

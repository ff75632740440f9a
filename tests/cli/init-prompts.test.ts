// init's questions, with scripted answers: every answer lands in portfolio.yaml,
// a flag given is not asked again, and Ctrl-C writes nothing.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { init } from '../../src/commands/init.js';
import { EXIT } from '../../src/errors.js';
import { CTRL_C, scriptedPrompter, testIO } from '../guide/scripted.js';
import { tmp } from '../helpers.js';

describe('permanence init, asking', () => {
  it('asks for each answer not given as a flag, and writes them', async () => {
    const dir = join(tmp(), 'p');
    const p = scriptedPrompter([
      { input: 'Your name, or a pseudonym', answer: 'Jo Bloggs' },
      { input: 'Your supervisor or line manager', answer: 'M. Manager' },
      { input: 'Programme start date', answer: '2026-09-07' },
    ]);
    const io = testIO(process.cwd());
    expect(await init(io, { dir, cohort: 'South 2026', git: false }, p)).toBe(EXIT.ok);
    p.done();
    expect(p.asked.find((a) => a.message.startsWith('Programme start date'))!.default).toBe('2026-05-11');
    const config = parse(readFileSync(join(dir, 'portfolio.yaml'), 'utf8'));
    expect(config).toMatchObject({ participant: 'Jo Bloggs', cohort: 'South 2026', supervisor: 'M. Manager', start_date: '2026-09-07' });
    expect(config.specialist_area).toBeUndefined();
  });

  it('Ctrl-C at a question: exit 130 and nothing written', async () => {
    const dir = join(tmp(), 'p');
    const p = scriptedPrompter([{ input: 'Your name, or a pseudonym', answer: 'Jo' }, { input: 'Your cohort', answer: CTRL_C }]);
    const io = testIO(process.cwd());
    expect(await init(io, { dir, git: false }, p)).toBe(EXIT.interrupted);
    expect(io.output()).toContain('nothing was written');
    expect(existsSync(dir)).toBe(false);
  });
});
